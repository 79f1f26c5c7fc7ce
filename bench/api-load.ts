// Load generator for bench/api.ts, run as a separate process: `concurrency` clients send the
// nested query (a page of patients → images → segmentations → reader → user) back to back for
// `seconds`, each page chosen at random among the project's pages. Prints one JSON line.
const [url, token, projectId, secondsText, concurrencyText, pageText] = process.argv.slice(2);
const seconds = Number(secondsText ?? 20);
const concurrency = Number(concurrencyText ?? 8);
const first = Number(pageText ?? 100);

export const NESTED = `query($id: ID!, $first: Int, $after: String) { project(id: $id) { patients(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { id key images { id sha256 segmentations { id status round reader { id role user { email } } } } } } } } }`;

interface Page {
  data?: { project: { patients: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: unknown[] } } };
  errors?: unknown[];
}

async function call(after: string | null): Promise<Page> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: NESTED, variables: { id: projectId, first, after } }),
  });
  const body = (await response.json()) as Page;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function main(): Promise<void> {
  // The cursors of every page, walked once before timing.
  const cursors: (string | null)[] = [null];
  for (;;) {
    const page = await call(cursors.at(-1)!);
    const info = page.data!.project.patients.pageInfo;
    if (!info.hasNextPage) break;
    cursors.push(info.endCursor);
  }
  process.stdout.write(JSON.stringify({ ready: true, pages: cursors.length }) + '\n');
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let rows = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, client) => {
    let i = client;
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const page = await call(cursors[(i * 7919) % cursors.length]!);
      latencies.push(performance.now() - t0);
      rows += page.data!.project.patients.edges.length;
      i++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  process.stdout.write(JSON.stringify({ requests: latencies.length, seconds: elapsed, patientsPerRequest: rows / latencies.length, p50: pct(50), p99: pct(99) }) + '\n');
}

await main();
