// A study-sized project through the API: CSV import (all or nothing), cohort summary against R,
// the seeded REPEAT draw, a nested query whose SQL statement count does not grow with the page,
// and the audit chain's tamper evidence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/cli/audit.js';
import { drawSubset } from '../../src/modules/reading-rounds/draw.js';
import { codes, startTestApi, type TestApi } from '../support/api-app.js';
import { createStudyProject, type StudyProject } from '../support/api-fixtures.js';
import { seedImagesAndReadings } from '../support/api-seed.js';
import { STATS_REFERENCE } from '../support/paths.js';
import { withClient } from '../support/services.js';

interface LungRow {
  id: string;
  time: number;
  status: number;
  age: number;
  sex: number;
  ecog: string;
}

const lung: LungRow[] = readFileSync(join(STATS_REFERENCE, 'lung.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [id, time, status, age, sex, ecog] = line.split(',');
  return { id: id!, time: Number(time), status: Number(status), age: Number(age), sex: Number(sex), ecog: ecog! };
});
const reference = JSON.parse(readFileSync(join(STATS_REFERENCE, 'lung.json'), 'utf8')) as {
  km: { median_conf_log: { median: number; median_lower: number; median_upper: number }; median_followup_reverse_km: { median: number; lower: number; upper: number } };
};

function isoDay(daysAfter2000: number): string {
  return new Date(Date.UTC(2000, 0, 1) + daysAfter2000 * 86_400_000).toISOString().slice(0, 10);
}

/** lung.csv as a study CSV: times in days become outcome dates counted from 2000-01-01. */
function lungCsv(rows: LungRow[]): string {
  const lines = rows.map((r) => [
    `L${r.id.padStart(4, '0')}`, r.sex === 1 ? 'male' : 'female', r.age, r.ecog, isoDay(0), r.status ? isoDay(r.time) : '', isoDay(r.time), r.status ? 'Site South' : 'Site North',
  ].join(','));
  return ['patient,gender,age,ph.ecog,diagnosed,progressed,last seen,hospital', ...lines].join('\n') + '\n';
}

const MAPPING = {
  key: 'patient', sex: 'gender', ageAtDiagnosis: 'age', ecog: 'ph.ecog', diagnosisDate: 'diagnosed', progressionOrDeathDate: 'progressed', lastFollowUpDate: 'last seen', site: 'hospital',
};
const IMPORT = 'mutation($input: ImportPatientsInput!) { importPatients(input: $input) { imported errors { line column message } } }';

let api: TestApi;
let study: StudyProject;

beforeAll(async () => {
  api = await startTestApi();
  study = await createStudyProject(api, 'study');
});

afterAll(async () => {
  await api?.close();
});

describe('CSV import', () => {
  it('imports nothing and reports every bad row when any row is bad', async () => {
    const good = lungCsv(lung.slice(0, 5)).trim().split('\n');
    const csv = [
      ...good,
      'L9001,male,70,1,2020-01-01,2019-05-01,2020-06-01,Site North', // progression before diagnosis
      'L9002,robot,70,1,2020-01-01,,2020-06-01,Site North', // unknown sex
      'L9003,female,70,1,2020-02-30,,2020-06-01,Site North', // not a date
      'L9004,female,70,1,2020-01-01,,2020-06-01,Atlantis', // unknown site
      'L0001,female,70,1,2020-01-01,,2020-06-01,Site North', // repeats line 2's key
      'L9005,female,seventy,1,2020-01-01,,2020-06-01,Site North', // not a number
      'L9006,female,70,1', // too few fields
    ].join('\n');
    const result = await api.ok<{ importPatients: { imported: number; errors: { line: number; column: string | null; message: string }[] } }>(study.tokens.analyst, IMPORT,
      { input: { projectId: study.projectId, csv, mapping: MAPPING } });
    expect(result.importPatients.imported).toBe(0);
    expect(result.importPatients.errors.map((e) => [e.line, e.column])).toEqual([
      [7, 'progressed'], [8, 'gender'], [9, 'diagnosed'], [10, 'hospital'], [11, 'patient'], [12, 'age'], [13, null],
    ]);
    expect(result.importPatients.errors[0]!.message).toMatch(/progressionOrDeathDate is before diagnosisDate/);
    const count = await api.ok<{ project: { cohortSummary: { n: number } } }>(study.tokens.analyst, `{ project(id: "${study.projectId}") { cohortSummary { n } } }`);
    expect(count.project.cohortSummary.n).toBe(0);
  });

  it('imports the 213 lung patients in one go', async () => {
    const result = await api.ok<{ importPatients: { imported: number; errors: unknown[] } }>(study.tokens.analyst, IMPORT,
      { input: { projectId: study.projectId, csv: lungCsv(lung), mapping: MAPPING } });
    expect(result.importPatients).toEqual({ imported: 213, errors: [] });
    const again = await api.ok<{ importPatients: { imported: number; errors: { message: string }[] } }>(study.tokens.analyst, IMPORT,
      { input: { projectId: study.projectId, csv: lungCsv(lung.slice(0, 2)), mapping: MAPPING } });
    expect(again.importPatients.imported).toBe(0);
    expect(again.importPatients.errors.map((e) => e.message)).toEqual(["key 'L0001' is already a patient of this project", "key 'L0002' is already a patient of this project"]);
  });
});

describe('cohort summary', () => {
  it('gives Table 1 counts and the PFS and follow-up medians of R survfit', async () => {
    const data = await api.ok<{ project: { cohortSummary: {
      n: number; categories: { variable: string; level: string; n: number; percent: number }[]; age: { mean: number; min: number; max: number };
      pfs: { patients: number; events: number; medianMonths: { median: number; lower: number; upper: number }; followUpMonths: { median: number; lower: number; upper: number } };
    } } }>(study.tokens.viewer, `{ project(id: "${study.projectId}") { cohortSummary { n categories { variable level n percent } age { mean min max }
      pfs { patients events medianMonths { median lower upper } followUpMonths { median lower upper } } } } }`);
    const summary = data.project.cohortSummary;
    expect(summary.n).toBe(213);
    const cat = (variable: string, level: string) => summary.categories.find((c) => c.variable === variable && c.level === level);
    const males = lung.filter((r) => r.sex === 1).length;
    expect(cat('sex', 'MALE')).toEqual({ variable: 'sex', level: 'MALE', n: males, percent: (100 * males) / 213 });
    expect(cat('age', '> 60')!.n).toBe(lung.filter((r) => r.age > 60).length);
    expect(cat('ecog', '>= 2')!.n).toBe(lung.filter((r) => Number(r.ecog) >= 2).length);
    expect(summary.age.mean).toBeCloseTo(lung.reduce((s, r) => s + r.age, 0) / 213, 12);
    expect(summary.pfs.events).toBe(151);
    // Months are days / 30.4375; R's survfit medians are in days. 1e-9 months: division rounding only.
    const km = reference.km.median_conf_log;
    const fu = reference.km.median_followup_reverse_km;
    const months = (days: number) => days / 30.4375;
    expect(summary.pfs.medianMonths.median).toBeCloseTo(months(km.median), 9);
    expect(summary.pfs.medianMonths.lower).toBeCloseTo(months(km.median_lower), 9);
    expect(summary.pfs.medianMonths.upper).toBeCloseTo(months(km.median_upper), 9);
    expect(summary.pfs.followUpMonths.median).toBeCloseTo(months(fu.median), 9);
    expect(summary.pfs.followUpMonths.lower).toBeCloseTo(months(fu.lower), 9);
    expect(summary.pfs.followUpMonths.upper).toBeCloseTo(months(fu.upper), 9);
  });

  it('summarises a selection, and filters patients by site and covariate', async () => {
    const south = await api.ok<{ project: { sites: { id: string; name: string }[] } }>(study.tokens.analyst, `{ project(id: "${study.projectId}") { sites { id name } } }`);
    const southId = south.project.sites.find((s) => s.name === 'Site South')!.id;
    const bySite = await api.ok<{ project: { cohortSummary: { n: number; pfs: { events: number } } } }>(study.tokens.analyst,
      `{ project(id: "${study.projectId}") { cohortSummary(siteId: "${southId}") { n pfs { events } } } }`);
    expect(bySite.project.cohortSummary).toEqual({ n: 151, pfs: { events: 151 } });
    const females = await api.ok<{ project: { patients: { edges: { node: { key: string } }[] } } }>(study.tokens.analyst,
      `{ project(id: "${study.projectId}") { patients(first: 100, covariate: { name: "sex", equals: "FEMALE" }, siteId: "${southId}") { edges { node { key } } } } }`);
    expect(females.project.patients.edges.length).toBe(lung.filter((r) => r.sex === 2 && r.status === 1).length);
  });
});

describe('nested query cost', () => {
  const NESTED = `query($id: ID!, $first: Int, $after: String) { project(id: $id) { patients(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id key images { id sha256 segmentations { id status round reader { id role user { email } } } } } } } } }`;

  beforeAll(async () => {
    await seedImagesAndReadings(api.db.url, study.projectId, [study.memberIds.reader, study.memberIds.reader2]);
  });

  it('costs the same number of SQL statements for 10 patients and for 200 on one page', async () => {
    const run = async (first: number) => {
      api.sql.reset();
      const data = await api.ok<{ project: { patients: { pageInfo: { hasNextPage: boolean }; edges: { node: { images: { segmentations: { reader: { user: { email: string } } }[] }[] } }[] } } }>(
        study.tokens.analyst, NESTED, { id: study.projectId, first });
      return { statements: api.sql.count, data };
    };
    const ten = await run(10);
    const page = await run(200);
    expect(ten.data.project.patients.edges).toHaveLength(10);
    expect(page.data.project.patients.edges).toHaveLength(200);
    expect(page.data.project.patients.pageInfo.hasNextPage).toBe(true); // 213 patients
    const readings = page.data.project.patients.edges.flatMap((e) => e.node.images.flatMap((i) => i.segmentations));
    expect(readings).toHaveLength(200);
    expect(readings.every((s) => /^study-reader2?@radtrace\.test$/.test(s.reader.user.email))).toBe(true);
    expect(page.statements).toBe(ten.statements);
    // caller (token + user), memberships, project, patients page, images, segmentations, members, users
    expect(ten.statements).toBeLessThanOrEqual(8);
  });

  it('refuses what the cost limit or the page size bound before running anything', async () => {
    const refused = async (query: string, variables: Record<string, unknown>) => {
      api.sql.reset();
      const result = await api.gql(study.tokens.analyst, query, variables);
      return { ...result, statements: api.sql.count };
    };
    // 500 patients with everything nested, against the default limit of 2000: project 1 + patients 1
    // + 500 × (5 records + 10 scalars × 0.1 + pageInfo 1 + its 2 scalars × 0.1) = 3602; 200 cost 1442.
    const big = await refused(NESTED, { id: study.projectId, first: 500 });
    expect(big).toMatchObject({ status: 400, errors: [{ message: 'query complexity 3602 exceeds the limit of 2000', extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
    // Two 200-patient pages under aliases: each would pass alone.
    const page = 'edges { node { id key images { id sha256 segmentations { id status round reader { id role user { email } } } } } }';
    const twice = `query($id: ID!, $first: Int) { project(id: $id) { a: patients(first: $first) { ${page} } b: patients(first: $first) { ${page} } } }`;
    expect(codes(await refused(twice, { id: study.projectId, first: 200 }))).toEqual(['QUERY_TOO_COMPLEX']);
    // A flood of aliased scalars on a large page.
    const flood = `{ project(id: "${study.projectId}") { patients(first: 500) { edges { node { ${Array.from({ length: 40 }, (_, i) => `k${i}: key`).join(' ')} } } } } }`;
    expect(codes(await refused(flood, {}))).toEqual(['QUERY_TOO_COMPLEX']);
    // Page sizes outside 1..500, including a negative one that would lower the cost of the rest.
    for (const first of [501, 0, -100000]) {
      const result = await refused(NESTED, { id: study.projectId, first });
      expect(result, String(first)).toMatchObject({ status: 400, errors: [{ message: `first must be from 1 to 500, got ${first}`, extensions: { code: 'BAD_USER_INPUT', field: 'first' } }] });
      expect(result.data).toBeUndefined();
    }
    // Refused before any resolver: only the caller's token was looked up (authentication runs first).
    expect(big.statements).toBeLessThanOrEqual(2);
  });
});

describe('second-reader draw', () => {
  it('draws a seeded subset, records it, assigns REPEAT readings, and filters patients by it', async () => {
    const draw = await api.ok<{ drawRepeatReading: { draw: { seed: number; requested: number; eligibleCount: number; patientIds: string[] }; assignments: { round: string; status: string }[] } }>(
      study.tokens.analyst, 'mutation($input: DrawRepeatReadingInput!) { drawRepeatReading(input: $input) { draw { seed requested eligibleCount patientIds } assignments { round status } } }',
      { input: { projectId: study.projectId, count: 30, seed: 20240611, readerId: study.memberIds.reader2 } });
    const { draw: recorded, assignments } = draw.drawRepeatReading;
    expect(recorded).toMatchObject({ seed: 20240611, requested: 30, eligibleCount: 213 });
    expect(new Set(recorded.patientIds).size).toBe(30);
    expect(assignments.every((s) => s.round === 'REPEAT' && s.status === 'ASSIGNED')).toBe(true);
    // The recorded list is exactly what the seed selects from the cohort sorted by key.
    const keys = await withClient(api.db.url, async (c) => (await c.query<{ id: string; key: string }>('SELECT id, key FROM patient WHERE project_id = $1', [study.projectId])).rows);
    expect(recorded.patientIds).toEqual(drawSubset(keys, (p) => p.key, 30, 20240611).map((p) => p.id));
    const withRepeat = await api.ok<{ project: { patients: { edges: { node: { id: string } }[] } } }>(study.tokens.analyst,
      `{ project(id: "${study.projectId}") { patients(first: 100, hasRepeatReading: true) { edges { node { id } } } } }`);
    expect(withRepeat.project.patients.edges.map((e) => e.node.id).sort()).toEqual([...recorded.patientIds].sort());
    const without = await api.ok<{ project: { patients: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: unknown[] } } }>(study.tokens.analyst,
      `{ project(id: "${study.projectId}") { patients(first: 100, hasRepeatReading: false) { pageInfo { hasNextPage endCursor } edges { node { id } } } } }`);
    const rest = await api.ok<{ project: { patients: { pageInfo: { hasNextPage: boolean }; edges: unknown[] } } }>(study.tokens.analyst,
      `{ project(id: "${study.projectId}") { patients(first: 100, hasRepeatReading: false, after: "${without.project.patients.pageInfo.endCursor}") { pageInfo { hasNextPage } edges { node { id } } } } }`);
    expect(without.project.patients.edges.length + rest.project.patients.edges.length).toBe(213 - 30);
    expect(rest.project.patients.pageInfo.hasNextPage).toBe(false);
    const repeats = await api.ok<{ project: { segmentations: { edges: { node: { round: string; status: string } }[] } } }>(study.tokens.analyst,
      `{ project(id: "${study.projectId}") { segmentations(first: 100, status: ASSIGNED, readerId: "${study.memberIds.reader2}") { edges { node { round status } } } } }`);
    expect(repeats.project.segmentations.edges).toHaveLength(30);
    expect(repeats.project.segmentations.edges.every((e) => e.node.round === 'REPEAT')).toBe(true);
    const tooMany = await api.gql(study.tokens.analyst, 'mutation($input: DrawRepeatReadingInput!) { drawRepeatReading(input: $input) { draw { id } } }',
      { input: { projectId: study.projectId, count: 200, seed: 1, readerId: study.memberIds.reader2 } });
    expect(tooMany.errors?.[0]?.message).toMatch(/cannot draw 200 patients: 183 have/);
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('audit chain', () => {
  it('verifies, refuses changes, and detects tampering', async () => {
    const intact = await verifyAuditChain(api.db.url);
    expect(intact, JSON.stringify(intact)).toMatchObject({ ok: true });
    // admin + 5 users, project, 4 members, 2 sites, one successful import (the rejected one wrote nothing), one draw
    expect(intact.events).toBe(15);
    await withClient(api.db.url, async (client) => {
      await expect(client.query(`UPDATE audit_event SET action = 'nothing' WHERE seq = 3`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_event WHERE seq = 3')).rejects.toThrow(/append-only/);
      // A database superuser can bypass the trigger; the chain still shows it.
      await client.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change');
      await client.query(`UPDATE audit_event SET details = '{"name":"forged"}' WHERE seq = 3`);
      await client.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change');
    });
    const broken = await verifyAuditChain(api.db.url);
    expect(broken).toMatchObject({ ok: false, events: 2, brokenAt: { seq: 3 } });
    expect(broken.brokenAt!.reason).toMatch(/altered/);
  });
});
