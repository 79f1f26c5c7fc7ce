// API bench: a project of 2,000 patients, each with a finalised image and a PRIMARY reading, then
// the nested query (page of 100 patients → images → segmentations → reader → user) under
// concurrent load from a second process. Reports requests/s, p50/p99 latency and SQL statements
// per request (counted in this, the server, process).
// Run: npx tsx bench/api.ts [patients=2000] [seconds=20] [concurrency=8]
// Uses DATABASE_URL / S3_ENDPOINT when set (a fresh database / bucket), else embedded servers.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createUserInDatabase } from '../src/cli/admin.js';
import { startApi } from '../src/main.js';
import { installSqlCounter } from '../test/support/api-sql-counter.js';
import { seedImagesAndReadings } from '../test/support/api-seed.js';
import { freshDatabase, freshObjectStore, tempDir } from '../test/support/services.js';

const patients = Number(process.argv[2] ?? 2000);
const seconds = Number(process.argv[3] ?? 20);
const concurrency = Number(process.argv[4] ?? 8);

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const sql = installSqlCounter();
const [db, store, dataDir] = await Promise.all([freshDatabase(), freshObjectStore(), tempDir('bench-api')]);
const api = await startApi({
  DATABASE_URL: db.url, ...store.env, RADTRACE_DATA_DIR: dataDir.path, PORT: '0', HOST: '127.0.0.1', RADTRACE_IN_PROCESS_WORKER: 'false', LOG_LEVEL: 'warn',
});
try {
  const admin = await createUserInDatabase(db.url, { email: 'bench@radtrace.test', name: 'Bench', isAdmin: true });
  const t0 = performance.now();
  const project = await gql<{ createProject: { project: { id: string } } }>(api.url, admin.token, 'mutation { createProject(input: { name: "bench" }) { project { id } } }');
  const projectId = project.createProject.project.id;
  const site = await gql<{ addSite: { site: { id: string } } }>(api.url, admin.token, `mutation { addSite(input: { projectId: "${projectId}", name: "A" }) { site { id } } }`);
  const readers: string[] = [];
  for (const name of ['r1', 'r2']) {
    await gql(api.url, admin.token, `mutation { createUser(input: { email: "${name}@radtrace.test", name: "${name}" }) { token } }`);
    const m = await gql<{ addMember: { member: { id: string } } }>(api.url, admin.token, `mutation { addMember(input: { projectId: "${projectId}", email: "${name}@radtrace.test", role: READER }) { member { id } } }`);
    readers.push(m.addMember.member.id);
  }
  const csv = ['key,sex,age,diagnosed,last', ...Array.from({ length: patients }, (_, i) => `P${String(i).padStart(5, '0')},${i % 3 ? 'M' : 'F'},${45 + (i % 37)},2020-01-01,2022-0${1 + (i % 9)}-15`)].join('\n');
  const imported = await gql<{ importPatients: { imported: number } }>(api.url, admin.token,
    'mutation($input: ImportPatientsInput!) { importPatients(input: $input) { imported } }',
    { input: { projectId, csv, mapping: { key: 'key', sex: 'sex', ageAtDiagnosis: 'age', diagnosisDate: 'diagnosed', lastFollowUpDate: 'last' }, defaultSiteId: site.addSite.site.id } });
  const seeded = await seedImagesAndReadings(db.url, projectId, readers);
  console.log(`loaded ${imported.importPatients.imported} patients (CSV import through the API), ${seeded.imageIds.length} images, ${seeded.segmentationIds.length} segmentations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const loader = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./api-load.ts', import.meta.url)), api.url, admin.token, projectId, String(seconds), String(concurrency), '100'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: loader.stdout! });
  let before = 0;
  let cpuBefore = process.cpuUsage();
  let result: { requests: number; seconds: number; patientsPerRequest: number; p50: number; p99: number } | undefined;
  for await (const line of lines) {
    const message = JSON.parse(line) as { ready?: boolean; pages?: number };
    if (message.ready) {
      before = sql.count;
      cpuBefore = process.cpuUsage();
      console.log(`load: ${concurrency} concurrent clients in a second process, ${seconds} s, random pages of 100 of ${message.pages} pages`);
    } else {
      result = message as typeof result;
    }
  }
  const statements = sql.count - before;
  const cpu = process.cpuUsage(cpuBefore);
  if (!result) throw new Error('the load process gave no result');
  console.log(`requests: ${result.requests} in ${result.seconds.toFixed(1)} s = ${(result.requests / result.seconds).toFixed(1)} requests/s (${result.patientsPerRequest} patients per response)`);
  console.log(`latency: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`);
  console.log(`SQL statements per request: ${(statements / result.requests).toFixed(2)}`);
  // CPU time of the API process (user + system) per request: what a request costs the server,
  // apart from time spent waiting for PostgreSQL or for a core on a shared machine.
  console.log(`API process CPU per request: ${((cpu.user + cpu.system) / 1000 / result.requests).toFixed(1)} ms (${os.loadavg()[0]!.toFixed(1)} load average on ${os.cpus().length} cores)`);
} finally {
  await api.close();
  await Promise.all([db.drop(), store.stop(), dataDir.remove()]);
}
