// Tenant isolation, proven for every operation in schema.graphql: a member (OWNER) of project A
// reaching for project B's data gets NOT_FOUND or FORBIDDEN and none of B's data. An operation
// added to the schema without a case here fails the first test. Then the role matrix inside A.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { codes, startTestApi, type GraphQLResult, type TestApi } from '../support/api-app.js';
import { assign, createPatient, createStudyProject, submitMask, uploadImage, type StudyProject } from '../support/api-fixtures.js';
import { boxMask, tinyImage } from '../support/api-volumes.js';

interface BIds {
  projectId: string;
  siteId: string;
  patientId: string;
  imageId: string;
  primaryId: string;
  repeatId: string;
  ownerMemberId: string;
  readerMemberId: string;
  tokenId: string;
  /** A job enqueued by the platform administrator (jobs are not project data: admins only). */
  jobId: string;
}

interface Case {
  /** scoped: must fail with NOT_FOUND or FORBIDDEN. global: not tenant data; must not show B's ids. */
  kind: 'scoped' | 'global';
  query: string;
  variables?: Record<string, unknown>;
}

const sha = 'a'.repeat(64);

/** One case per operation; each reaches for B's data with A's OWNER token. */
function casesFor(b: BIds, a: StudyProject): Record<string, Case[]> {
  const m = (name: string, type: string, input: Record<string, unknown>, select = '__typename'): Case => ({
    kind: 'scoped', query: `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`, variables: { input },
  });
  return {
    me: [{ kind: 'global', query: '{ me { id email apiTokens { id } } }' }],
    projects: [{ kind: 'global', query: '{ projects(first: 100) { edges { node { id name } } } }' }],
    project: [{ kind: 'scoped', query: 'query($id: ID!) { project(id: $id) { id name } }', variables: { id: b.projectId } }],
    patient: [{ kind: 'scoped', query: 'query($id: ID!) { patient(id: $id) { id key } }', variables: { id: b.patientId } }],
    imagingObject: [{ kind: 'scoped', query: 'query($id: ID!) { imagingObject(id: $id) { id sha256 } }', variables: { id: b.imageId } }],
    segmentation: [{ kind: 'scoped', query: 'query($id: ID!) { segmentation(id: $id) { id } }', variables: { id: b.primaryId } }],
    job: [{ kind: 'scoped', query: 'query($id: ID!) { job(id: $id) { id input } }', variables: { id: b.jobId } }],
    jobs: [{ kind: 'scoped', query: '{ jobs(first: 5) { edges { node { id kind } } } }' }],
    createUser: [m('createUser', 'CreateUserInput', { email: 'intruder@radtrace.test', name: 'x' })],
    createApiToken: [{ kind: 'global', query: 'mutation { createApiToken(input: { name: "t" }) { apiToken { id } } }' }],
    revokeApiToken: [m('revokeApiToken', 'RevokeApiTokenInput', { tokenId: b.tokenId }, 'apiToken { id }')],
    createProject: [{ kind: 'global', query: 'mutation { createProject(input: { name: "mine" }) { project { id } } }' }],
    updateProject: [m('updateProject', 'UpdateProjectInput', { projectId: b.projectId, name: 'taken over' })],
    addSite: [m('addSite', 'AddSiteInput', { projectId: b.projectId, name: 'x' })],
    addMember: [m('addMember', 'AddMemberInput', { projectId: b.projectId, email: 'a-owner@radtrace.test', role: 'OWNER' })],
    changeMemberRole: [m('changeMemberRole', 'ChangeMemberRoleInput', { memberId: b.ownerMemberId, role: 'VIEWER' })],
    createPatient: [
      m('createPatient', 'CreatePatientInput', { projectId: b.projectId, siteId: b.siteId, key: 'X1' }),
      m('createPatient', 'CreatePatientInput', { projectId: a.projectId, siteId: b.siteId, key: 'X2' }),
    ],
    updatePatient: [m('updatePatient', 'UpdatePatientInput', { patientId: b.patientId, ecog: 3 })],
    importPatients: [m('importPatients', 'ImportPatientsInput', { projectId: b.projectId, csv: 'key\nX3\n', mapping: { key: 'key' }, defaultSiteId: b.siteId }, 'imported')],
    requestImageUpload: [m('requestImageUpload', 'RequestImageUploadInput', { patientId: b.patientId, phase: 'ARTERIAL', fileName: 'x.nrrd', sha256: sha, byteSize: 10 }, 'upload { uploadUrl }')],
    finalizeImageUpload: [m('finalizeImageUpload', 'FinalizeImageUploadInput', { imageId: b.imageId }, 'image { id }')],
    requestImageDownload: [m('requestImageDownload', 'RequestImageDownloadInput', { imageId: b.imageId }, 'url')],
    assignSegmentation: [
      m('assignSegmentation', 'AssignSegmentationInput', { imageId: b.imageId, readerId: a.memberIds.reader }),
      m('assignSegmentation', 'AssignSegmentationInput', { imageId: b.imageId, readerId: b.readerMemberId }),
    ],
    requestSegmentationUpload: [m('requestSegmentationUpload', 'RequestSegmentationUploadInput', { segmentationId: b.repeatId, fileName: 'm.nrrd', sha256: sha, byteSize: 10 }, 'upload { uploadUrl }')],
    finalizeSegmentationUpload: [m('finalizeSegmentationUpload', 'SegmentationIdInput', { segmentationId: b.repeatId })],
    reviewSegmentation: [m('reviewSegmentation', 'ReviewSegmentationInput', { segmentationId: b.primaryId, decision: 'REJECTED' })],
    requestSegmentationDownload: [m('requestSegmentationDownload', 'SegmentationIdInput', { segmentationId: b.primaryId }, 'url')],
    drawRepeatReading: [
      m('drawRepeatReading', 'DrawRepeatReadingInput', { projectId: b.projectId, count: 1, seed: 1, readerId: b.readerMemberId }),
      m('drawRepeatReading', 'DrawRepeatReadingInput', { projectId: a.projectId, count: 1, seed: 1, readerId: b.readerMemberId }),
    ],
    enqueueDiagnosticJob: [{ kind: 'scoped', query: 'mutation { enqueueDiagnosticJob(input: { steps: 1, stepDelayMs: 0 }) { job { id } } }' }],
  };
}

let api: TestApi;
let a: StudyProject;
let b: BIds;
let bStudy: StudyProject;

beforeAll(async () => {
  api = await startTestApi();
  [a, bStudy] = await Promise.all([createStudyProject(api, 'a'), createStudyProject(api, 'b')]);
  const patientId = await createPatient(api, bStudy.tokens.analyst, {
    projectId: bStudy.projectId, siteId: bStudy.siteIds[0], key: 'B-001', sex: 'FEMALE', ageAtDiagnosis: 70, diagnosisDate: '2020-01-01', lastFollowUpDate: '2021-01-01',
  });
  const imageId = await uploadImage(api, bStudy.tokens.analyst, patientId, tinyImage(99));
  const primaryId = await assign(api, bStudy.tokens.analyst, imageId, bStudy.memberIds.reader);
  await submitMask(api, bStudy.tokens.reader, primaryId, boxMask([1, 1, 1], [5, 5, 3]));
  const repeatId = await assign(api, bStudy.tokens.analyst, imageId, bStudy.memberIds.reader2, 'REPEAT');
  const token = await api.ok<{ createApiToken: { apiToken: { id: string } } }>(bStudy.tokens.owner, 'mutation { createApiToken(input: { name: "b" }) { apiToken { id } } }');
  const job = await api.ok<{ enqueueDiagnosticJob: { job: { id: string } } }>(api.adminToken, 'mutation { enqueueDiagnosticJob(input: { steps: 1, stepDelayMs: 0 }) { job { id } } }');
  b = {
    projectId: bStudy.projectId, siteId: bStudy.siteIds[0]!, patientId, imageId, primaryId, repeatId, ownerMemberId: bStudy.memberIds.owner,
    readerMemberId: bStudy.memberIds.reader, tokenId: token.createApiToken.apiToken.id, jobId: job.enqueueDiagnosticJob.job.id,
  };
});

afterAll(async () => {
  await api?.close();
});

function operationsInSchema(): string[] {
  const schema = buildSchema(readFileSync(join(REPO_ROOT, 'schema.graphql'), 'utf8'));
  return [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()?.getFields() ?? {})].sort();
}

function bIdsIn(result: GraphQLResult<unknown>): string[] {
  const text = JSON.stringify(result.data ?? null);
  return Object.values(b).filter((id) => text.includes(id));
}

describe('tenant isolation', () => {
  it('has a case for every query and mutation in schema.graphql', () => {
    const uncovered = operationsInSchema().filter((name) => !(name in casesFor(b, a)));
    expect(uncovered, 'operations without a tenant-isolation case').toEqual([]);
  });

  it('answers every operation reaching for project B with NOT_FOUND or FORBIDDEN, and no B data', async () => {
    const failures: string[] = [];
    const cases = casesFor(b, a);
    for (const name of operationsInSchema()) {
      for (const c of cases[name]!) {
        const result = await api.gql(a.tokens.owner, c.query, c.variables);
        const leaked = bIdsIn(result);
        if (leaked.length) failures.push(`${name}: response shows B ids ${leaked.join(', ')}`);
        if (c.kind === 'scoped') {
          const got = codes(result);
          if (!got.length || !got.every((code) => code === 'NOT_FOUND' || code === 'FORBIDDEN')) failures.push(`${name}: codes ${JSON.stringify(got)}`);
          if (result.data && Object.values(result.data).some((v) => v !== null)) failures.push(`${name}: returned data ${JSON.stringify(result.data)}`);
        } else if (result.errors) {
          failures.push(`${name}: ${JSON.stringify(result.errors)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing of B changed.
    const bView = await api.ok<{ project: { name: string; sites: unknown[]; members: { role: string }[]; patients: { edges: { node: { covariates: { ecog: number | null } } }[] } } }>(
      bStudy.tokens.owner, 'query($id: ID!) { project(id: $id) { name sites { id } members { role } patients { edges { node { covariates { ecog } } } } } }', { id: b.projectId });
    expect(bView.project.name).toBe('b study');
    expect(bView.project.sites).toHaveLength(2);
    expect(bView.project.members.filter((mm) => mm.role === 'OWNER')).toHaveLength(1);
    expect(bView.project.patients.edges).toHaveLength(1);
    expect(bView.project.patients.edges[0]!.node.covariates.ecog).toBeNull();
  });

  it('does not tell an id of another project from an id that does not exist', async () => {
    const other = await api.gql(a.tokens.owner, 'query($id: ID!) { patient(id: $id) { id } }', { id: b.patientId });
    const none = await api.gql(a.tokens.owner, 'query($id: ID!) { patient(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' });
    expect(codes(other)).toEqual(['NOT_FOUND']);
    expect(codes(none)).toEqual(['NOT_FOUND']);
    expect(other.errors![0]!.message.replace(b.patientId, 'ID')).toBe(none.errors![0]!.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
  });
});

describe('role matrix in one project', () => {
  let patientId: string;
  let imageId: string;
  let readerSeg: string;
  let otherSeg: string;

  beforeAll(async () => {
    patientId = await createPatient(api, a.tokens.analyst, {
      projectId: a.projectId, siteId: a.siteIds[0], key: 'A-001', sex: 'MALE', ageAtDiagnosis: 55, ecog: 1, smoking: true,
      diagnosisDate: '2020-01-01', progressionOrDeathDate: '2020-09-01',
    });
    imageId = await uploadImage(api, a.tokens.analyst, patientId, tinyImage(7));
    readerSeg = await assign(api, a.tokens.analyst, imageId, a.memberIds.reader);
    otherSeg = await assign(api, a.tokens.analyst, imageId, a.memberIds.reader2, 'REPEAT');
    await submitMask(api, a.tokens.reader, readerSeg, boxMask([1, 1, 1], [5, 5, 3]));
    await submitMask(api, a.tokens.reader2, otherSeg, boxMask([2, 1, 1], [5, 5, 3]));
  });

  it('refuses every mutation to a VIEWER', async () => {
    const viewerCases: Record<string, Case> = {
      updateProject: { kind: 'scoped', query: `mutation { updateProject(input: { projectId: "${a.projectId}", name: "v" }) { __typename } }` },
      addSite: { kind: 'scoped', query: `mutation { addSite(input: { projectId: "${a.projectId}", name: "v" }) { __typename } }` },
      addMember: { kind: 'scoped', query: `mutation { addMember(input: { projectId: "${a.projectId}", email: "b-owner@radtrace.test", role: VIEWER }) { __typename } }` },
      changeMemberRole: { kind: 'scoped', query: `mutation { changeMemberRole(input: { memberId: "${a.memberIds.viewer}", role: OWNER }) { __typename } }` },
      createPatient: { kind: 'scoped', query: `mutation { createPatient(input: { projectId: "${a.projectId}", siteId: "${a.siteIds[0]}", key: "V" }) { __typename } }` },
      updatePatient: { kind: 'scoped', query: `mutation { updatePatient(input: { patientId: "${patientId}", ecog: 2 }) { __typename } }` },
      importPatients: { kind: 'scoped', query: `mutation { importPatients(input: { projectId: "${a.projectId}", csv: "key\\nV2\\n", mapping: { key: "key" }, defaultSiteId: "${a.siteIds[0]}" }) { imported } }` },
      requestImageUpload: { kind: 'scoped', query: `mutation { requestImageUpload(input: { patientId: "${patientId}", phase: VENOUS, fileName: "v.nrrd", sha256: "${sha}", byteSize: 9 }) { __typename } }` },
      finalizeImageUpload: { kind: 'scoped', query: `mutation { finalizeImageUpload(input: { imageId: "${imageId}" }) { __typename } }` },
      assignSegmentation: { kind: 'scoped', query: `mutation { assignSegmentation(input: { imageId: "${imageId}", readerId: "${a.memberIds.viewer}" }) { __typename } }` },
      requestSegmentationUpload: { kind: 'scoped', query: `mutation { requestSegmentationUpload(input: { segmentationId: "${readerSeg}", fileName: "m.nrrd", sha256: "${sha}", byteSize: 9 }) { __typename } }` },
      finalizeSegmentationUpload: { kind: 'scoped', query: `mutation { finalizeSegmentationUpload(input: { segmentationId: "${readerSeg}" }) { __typename } }` },
      reviewSegmentation: { kind: 'scoped', query: `mutation { reviewSegmentation(input: { segmentationId: "${readerSeg}", decision: ACCEPTED }) { __typename } }` },
      drawRepeatReading: { kind: 'scoped', query: `mutation { drawRepeatReading(input: { projectId: "${a.projectId}", count: 1, seed: 1, readerId: "${a.memberIds.reader}" }) { __typename } }` },
    };
    // Every mutation is either refused to a VIEWER here, or not a change to project data.
    const notProjectChanges = ['createUser', 'createApiToken', 'revokeApiToken', 'createProject', 'enqueueDiagnosticJob', 'requestImageDownload', 'requestSegmentationDownload'];
    const mutations = Object.keys(buildSchema(readFileSync(join(REPO_ROOT, 'schema.graphql'), 'utf8')).getMutationType()!.getFields());
    expect(mutations.filter((name) => !(name in viewerCases) && !notProjectChanges.includes(name))).toEqual([]);
    for (const [name, c] of Object.entries(viewerCases)) {
      const result = await api.gql(a.tokens.viewer, c.query);
      expect(codes(result), name).toEqual(['FORBIDDEN']);
    }
    // Downloads are reads: a VIEWER may download.
    expect(codes(await api.gql(a.tokens.viewer, `mutation { requestImageDownload(input: { imageId: "${imageId}" }) { url } }`))).toEqual([]);
  });

  it('blinds READERs to clinical data and outcomes, at the top level and through nested fields', async () => {
    const direct = await api.gql<{ patient: Record<string, unknown> }>(a.tokens.reader,
      'query($id: ID!) { patient(id: $id) { key sex ageAtDiagnosis covariates { ecog smoking } outcome { pfsMonths pfsEvent } } }', { id: patientId });
    expect(direct.data!.patient).toEqual({ key: 'A-001', sex: null, ageAtDiagnosis: null, covariates: null, outcome: null });
    expect(codes(direct)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const nested = await api.gql<{ segmentation: { image: { patient: Record<string, unknown> } } }>(a.tokens.reader,
      'query($id: ID!) { segmentation(id: $id) { image { patient { key outcome { pfsMonths } covariates { ecog } sex } } } }', { id: readerSeg });
    expect(nested.data!.segmentation.image.patient).toEqual({ key: 'A-001', outcome: null, covariates: null, sex: null });
    expect(codes(nested)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    for (const query of [
      `{ project(id: "${a.projectId}") { patients { edges { node { id } } } } }`,
      `{ project(id: "${a.projectId}") { cohortSummary { n } } }`,
      `{ project(id: "${a.projectId}") { auditEvents { edges { node { id } } } } }`,
      `{ project(id: "${a.projectId}") { readingDraws { id } } }`,
    ]) {
      const result = await api.gql(a.tokens.reader, query);
      expect(codes(result), query).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(result.data)).not.toContain('A-001');
    }
    // No clinical value anywhere in the answers: data and error messages (ids masked, since a random
    // uuid can contain the digits 55).
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
    const text = JSON.stringify([direct, nested].map((r) => ({ data: r.data, messages: (r.errors ?? []).map((e) => e.message) }))).replace(uuid, '<id>');
    expect(text).not.toMatch(/MALE|55|pfs|2020-/i);
  });

  it('shows a READER only its own readings, never the other reader\'s mask or the agreement', async () => {
    expect(codes(await api.gql(a.tokens.reader, `{ segmentation(id: "${otherSeg}") { id } }`))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(a.tokens.reader, `mutation { requestSegmentationDownload(input: { segmentationId: "${otherSeg}" }) { url } }`))).toEqual(['NOT_FOUND']);
    const viaImage = await api.ok<{ imagingObject: { segmentations: { id: string }[] } }>(a.tokens.reader, `{ imagingObject(id: "${imageId}") { segmentations { id sha256 } } }`);
    expect(viaImage.imagingObject.segmentations.map((s) => s.id)).toEqual([readerSeg]);
    const listed = await api.ok<{ project: { segmentations: { edges: { node: { id: string } }[] } } }>(a.tokens.reader,
      `{ project(id: "${a.projectId}") { segmentations(readerId: "${a.memberIds.reader2}") { edges { node { id } } } } }`);
    expect(listed.project.segmentations.edges.map((e) => e.node.id)).toEqual([readerSeg]);
    const agreement = await api.gql(a.tokens.reader2, `{ segmentation(id: "${otherSeg}") { agreement { dice } } }`);
    expect(codes(agreement)).toEqual(['FORBIDDEN']);
    // The analyst sees both readings and their agreement.
    const analyst = await api.ok<{ segmentation: { agreement: { dice: number } } }>(a.tokens.analyst, `{ segmentation(id: "${otherSeg}") { agreement { dice } } }`);
    expect(analyst.segmentation.agreement.dice).toBeGreaterThan(0);
    // A READER cannot upload for someone else's assignment, nor assign work.
    expect(codes(await api.gql(a.tokens.reader, `mutation { assignSegmentation(input: { imageId: "${imageId}", readerId: "${a.memberIds.reader}" }) { __typename } }`))).toEqual(['FORBIDDEN']);
  });

  it('keeps member management to OWNERs and audit events to OWNERs', async () => {
    expect(codes(await api.gql(a.tokens.analyst, `mutation { addMember(input: { projectId: "${a.projectId}", email: "b-owner@radtrace.test", role: VIEWER }) { __typename } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(a.tokens.analyst, `{ project(id: "${a.projectId}") { auditEvents { edges { node { id } } } } }`))).toEqual(['FORBIDDEN']);
    const events = await api.ok<{ project: { auditEvents: { edges: unknown[] } } }>(a.tokens.owner, `{ project(id: "${a.projectId}") { auditEvents(first: 100) { edges { node { action } } } } }`);
    expect(events.project.auditEvents.edges.length).toBeGreaterThan(10);
  });
});
