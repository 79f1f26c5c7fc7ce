// The research-data flow through GraphQL over HTTP, against a real PostgreSQL and S3 server:
// authentication and tokens, projects and members, patients and PFS, image and mask uploads,
// the segmentation life cycle, downloads, and the audit chain.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as importCommand } from '../../src/cli/import.js';
import { PYRADIOMICS_DATA } from '../support/paths.js';
import { radtrace } from '../support/processes.js';
import { buildNifti } from '../support/radiomics-nifti.js';
import { verifyAuditChain } from '../../src/cli/audit.js';
import { boxMask, tinyImage } from '../support/api-volumes.js';
import { tempDir, withClient } from '../support/services.js';
import { codes, putBytes, sha256, startTestApi, type TestApi } from '../support/api-app.js';
import { assign, createPatient, createStudyProject, submitMask, uploadImage, type StudyProject } from '../support/api-fixtures.js';

let api: TestApi;
let study: StudyProject;

beforeAll(async () => {
  api = await startTestApi();
  study = await createStudyProject(api, 'flow');
});

afterAll(async () => {
  await api?.close();
});

describe('authentication', () => {
  it('refuses requests without a valid token', async () => {
    expect(codes(await api.gql(null, '{ me { id } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql('rt_not-a-token', '{ me { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('issues tokens shown once, and revokes them', async () => {
    const issued = await api.ok<{ createApiToken: { token: string; apiToken: { id: string } } }>(study.tokens.analyst,
      'mutation { createApiToken(input: { name: "laptop", expiresInDays: 1 }) { token apiToken { id expiresAt } } }');
    const { token, apiToken } = issued.createApiToken;
    expect(token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect((await api.ok<{ me: { email: string } }>(token, '{ me { email } }')).me.email).toBe('flow-analyst@radtrace.test');
    // Stored hashed: the token text appears nowhere in the database.
    const stored = await api.gql<{ me: { apiTokens: { id: string }[] } }>(token, '{ me { apiTokens { id } } }');
    expect(JSON.stringify(stored)).not.toContain(token);
    await api.ok(token, 'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { revokedAt } } }', { input: { tokenId: apiToken.id } });
    expect(codes(await api.gql(token, '{ me { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an expired token', async () => {
    const issued = await api.ok<{ createApiToken: { token: string; apiToken: { id: string } } }>(study.tokens.viewer,
      'mutation { createApiToken(input: { name: "short", expiresInDays: 1 }) { token apiToken { id } } }');
    expect(codes(await api.gql(issued.createApiToken.token, '{ me { id } }'))).toEqual([]);
    await withClient(api.db.url, (c) => c.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [issued.createApiToken.apiToken.id]));
    expect(codes(await api.gql(issued.createApiToken.token, '{ me { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('answers BAD_USER_INPUT to variables that do not fit their types', async () => {
    const result = await api.gql(study.tokens.analyst, 'mutation($input: RequestImageUploadInput!) { requestImageUpload(input: $input) { image { id } } }',
      { input: { patientId: 'x', phase: 'NOT_A_PHASE', fileName: 'a.nrrd', sha256: 'a', byteSize: 1 } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/NOT_A_PHASE/);
    // Refused before execution: HTTP 400 and no data (docs/api.md, "Errors and HTTP status").
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
  });

  it('creates an administrator with `radtrace admin create-user`, which prints a working token once', async () => {
    const dir = await tempDir('admin');
    try {
      const run = radtrace(['admin', 'create-user', '--email', 'Chief@Lab.org', '--name', 'Chief'], { DATABASE_URL: api.db.url, ...api.store.env, RADTRACE_DATA_DIR: dir.path, LOG_LEVEL: 'warn' });
      expect(await run.exited, run.stderr()).toBe(0);
      const token = run.stdout().trim();
      expect(token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
      expect(run.stderr()).toMatch(/created user chief@lab\.org .* shown once/);
      const me = await api.ok<{ me: { email: string; isAdmin: boolean } }>(token, '{ me { email isAdmin } }');
      expect(me.me).toEqual({ email: 'chief@lab.org', isAdmin: true });
    } finally {
      await dir.remove();
    }
  });

  it('lets only administrators create users', async () => {
    const result = await api.gql(study.tokens.owner, 'mutation { createUser(input: { email: "x@y.z", name: "x" }) { token } }');
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('patients', () => {
  it('derives PFS in months (days / 30.4375) and the event from the outcome dates', async () => {
    const id = await createPatient(api, study.tokens.analyst, {
      projectId: study.projectId, siteId: study.siteIds[0], key: 'P-PFS-1', sex: 'MALE', ageAtDiagnosis: 63, bmiCategory: 'OVERWEIGHT', smoking: true,
      drinking: false, ecog: 1, extraCovariates: { stage: 'IVa', albumin: 38.5 }, diagnosisDate: '2020-01-15', progressionOrDeathDate: '2021-03-01', lastFollowUpDate: '2021-06-30',
    });
    const data = await api.ok<{ patient: { outcome: { pfsMonths: number; pfsEvent: boolean }; covariates: { extra: Record<string, unknown> } } }>(study.tokens.viewer,
      'query($id: ID!) { patient(id: $id) { key sex outcome { pfsMonths pfsEvent } covariates { ecog extra } } }', { id });
    // 2020-01-15 → 2021-03-01 is 411 days.
    expect(data.patient.outcome.pfsMonths).toBeCloseTo(411 / 30.4375, 12);
    expect(data.patient.outcome.pfsEvent).toBe(true);
    expect(data.patient.covariates.extra).toEqual({ stage: 'IVa', albumin: 38.5 });
    const censored = await createPatient(api, study.tokens.analyst, {
      projectId: study.projectId, siteId: study.siteIds[1], key: 'P-PFS-2', diagnosisDate: '2020-02-29', lastFollowUpDate: '2020-03-30',
    });
    const c = await api.ok<{ patient: { outcome: { pfsMonths: number; pfsEvent: boolean } } }>(study.tokens.owner, 'query($id: ID!) { patient(id: $id) { outcome { pfsMonths pfsEvent } } }', { id: censored });
    expect(c.patient.outcome).toEqual({ pfsMonths: 30 / 30.4375, pfsEvent: false });
  });

  it('re-derives PFS when outcome dates change, and refuses an update that makes them impossible', async () => {
    const id = await createPatient(api, study.tokens.analyst, { projectId: study.projectId, siteId: study.siteIds[0], key: 'P-UPD', diagnosisDate: '2021-01-01', lastFollowUpDate: '2021-07-01' });
    const updated = await api.ok<{ updatePatient: { patient: { outcome: { pfsMonths: number; pfsEvent: boolean } } } }>(study.tokens.analyst,
      'mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { outcome { pfsMonths pfsEvent } } } }', { input: { patientId: id, progressionOrDeathDate: '2021-04-01' } });
    expect(updated.updatePatient.patient.outcome).toEqual({ pfsMonths: 90 / 30.4375, pfsEvent: true });
    const bad = await api.gql(study.tokens.analyst, 'mutation($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { id } } }',
      { input: { patientId: id, diagnosisDate: '2021-05-01' } });
    expect(bad.errors?.[0]?.message).toMatch(/progressionOrDeathDate is before diagnosisDate/);
    const kept = await api.ok<{ patient: { outcome: { diagnosisDate: string } } }>(study.tokens.analyst, `{ patient(id: "${id}") { outcome { diagnosisDate } } }`);
    expect(kept.patient.outcome.diagnosisDate).toBe('2021-01-01');
  });

  it('rejects impossible dates and duplicate keys with a clear message', async () => {
    const base = { projectId: study.projectId, siteId: study.siteIds[0] };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ key: 'D1', diagnosisDate: '2021-02-30' }, /not a real calendar date/],
      [{ key: 'D2', diagnosisDate: '2021-02-01', progressionOrDeathDate: '2021-01-01' }, /progressionOrDeathDate is before diagnosisDate/],
      [{ key: 'D3', diagnosisDate: '2021-02-01', progressionOrDeathDate: '2021-05-01', lastFollowUpDate: '2021-04-01' }, /lastFollowUpDate is before progressionOrDeathDate/],
      [{ key: 'D4', diagnosisDate: '2099-01-01' }, /in the future/],
      [{ key: 'D5', lastFollowUpDate: '2021-01-01' }, /need the diagnosisDate/],
      [{ key: 'D6', ecog: 7 }, /ECOG/],
      [{ key: 'P-PFS-1' }, /already/],
    ];
    for (const [fields, message] of cases) {
      const result = await api.gql('' + study.tokens.analyst, 'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }', { input: { ...base, ...fields } });
      expect(result.errors?.[0]?.message, JSON.stringify(fields)).toMatch(message);
      expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codes(result)[0]);
    }
  });
});

describe('images and segmentations', () => {
  let patientId: string;
  let imageId: string;
  const image = tinyImage(1);

  beforeAll(async () => {
    patientId = await createPatient(api, study.tokens.analyst, { projectId: study.projectId, siteId: study.siteIds[0], key: 'P-IMG-1' });
  });

  it('uploads through a presigned PUT, re-reads and records format, geometry and scanner metadata', async () => {
    imageId = await uploadImage(api, study.tokens.analyst, patientId, image, { manufacturer: 'GE', model: 'Discovery CT750HD', kvp: 120, mas: 100, sliceThickness: 5 });
    const data = await api.ok<{ imagingObject: Record<string, unknown> }>(study.tokens.reader,
      'query($id: ID!) { imagingObject(id: $id) { status format sha256 byteSize geometry { size spacing origin direction pixelType } scanner { manufacturer kvp mas } } }', { id: imageId });
    expect(data.imagingObject).toEqual({
      status: 'FINAL', format: 'NRRD', sha256: sha256(image), byteSize: image.byteLength,
      geometry: { size: [12, 10, 6], spacing: [0.8, 0.8, 2.5], origin: [-10, -12, 30], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], pixelType: 'int16' },
      scanner: { manufacturer: 'GE', kvp: 120, mas: 100 },
    });
  });

  it('detects NIfTI and gzip NIfTI uploads and reads their geometry', async () => {
    for (const gzip of [false, true]) {
      const values = Array.from({ length: 8 * 6 * 4 }, (_, i) => (i * 7) % 50);
      const bytes = Buffer.from(buildNifti({ dims: [8, 6, 4], datatype: 4, bitpix: 16, pixdim: [1, 0.7, 0.9, 3], gzip }, values));
      const id = await uploadImage(api, study.tokens.analyst, patientId, bytes, { fileName: gzip ? 'ct.nii.gz' : 'ct.nii', phase: 'VENOUS' });
      const data = await api.ok<{ imagingObject: { format: string; geometry: { size: number[]; spacing: number[]; pixelType: string } } }>(study.tokens.analyst,
        `{ imagingObject(id: "${id}") { format geometry { size spacing pixelType } } }`);
      expect(data.imagingObject.format).toBe(gzip ? 'NIFTI_GZIP' : 'NIFTI');
      expect(data.imagingObject.geometry.size).toEqual([8, 6, 4]);
      // pixdim is stored as float32: 0.7 and 0.9 come back as their nearest float32 values.
      expect(data.imagingObject.geometry.spacing).toEqual([Math.fround(0.7), Math.fround(0.9), 3]);
      expect(data.imagingObject.geometry.pixelType).toBe('int16');
    }
  });

  it('is immutable once finalised, and stores identical bytes once', async () => {
    const again = await api.gql(study.tokens.analyst, 'mutation($input: FinalizeImageUploadInput!) { finalizeImageUpload(input: $input) { image { id } } }', { input: { imageId } });
    expect(codes(again)).toEqual(['CONFLICT']);
    const dup = await api.ok<{ requestImageUpload: { upload: { uploadUrl: string | null; alreadyStored: boolean } } }>(study.tokens.analyst,
      'mutation($input: RequestImageUploadInput!) { requestImageUpload(input: $input) { upload { uploadUrl alreadyStored } } }',
      { input: { patientId, phase: 'VENOUS', fileName: 'copy.nrrd', sha256: sha256(image), byteSize: image.byteLength } });
    expect(dup.requestImageUpload.upload).toEqual({ uploadUrl: null, alreadyStored: true });
  });

  it('rejects mismatching, truncated and corrupt uploads and removes their objects', async () => {
    const other = tinyImage(2);
    const garbage = Buffer.from('NRRD0004\ntype: short\ndimension: 3\nsizes: 4 4\n\nxx');
    const truncated = tinyImage(3).subarray(0, 300);
    const cases: [Buffer, Buffer, RegExp][] = [
      [other, tinyImage(4), /hash to .* not the declared sha256/],
      [truncated, truncated, /does not parse/],
      [garbage, garbage, /does not parse/],
      [tinyImage(5), tinyImage(5).subarray(0, 100), /truncated upload/],
    ];
    for (const [declared, sent, message] of cases) {
      const req = await api.ok<{ requestImageUpload: { image: { id: string }; upload: { uploadUrl: string } } }>(study.tokens.analyst,
        'mutation($input: RequestImageUploadInput!) { requestImageUpload(input: $input) { image { id } upload { uploadUrl } } }',
        { input: { patientId, phase: 'ARTERIAL', fileName: 'bad.nrrd', sha256: sha256(declared), byteSize: declared.byteLength } });
      await putBytes(req.requestImageUpload.upload.uploadUrl, sent);
      const result = await api.gql(study.tokens.analyst, 'mutation($input: FinalizeImageUploadInput!) { finalizeImageUpload(input: $input) { image { id } } }', { input: { imageId: req.requestImageUpload.image.id } });
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(await api.store.storage.exists(sha256(declared))).toBe(false);
    }
    // The good image's bytes are still there.
    expect(await api.store.storage.exists(sha256(image))).toBe(true);
  });

  it('runs PRIMARY and REPEAT readings to Dice and HD95, with legal transitions only', async () => {
    const primary = await assign(api, study.tokens.analyst, imageId, study.memberIds.reader, 'PRIMARY');
    const repeat = await assign(api, study.tokens.analyst, imageId, study.memberIds.reader2, 'REPEAT');
    // A second open PRIMARY reading of the same image is a conflict.
    const twice = await api.gql(study.tokens.analyst, 'mutation($input: AssignSegmentationInput!) { assignSegmentation(input: $input) { segmentation { id } } }',
      { input: { imageId, readerId: study.memberIds.reader2, round: 'PRIMARY' } });
    expect(codes(twice)).toEqual(['CONFLICT']);
    // Review before submission is an illegal transition.
    const early = await api.gql(study.tokens.analyst, 'mutation { reviewSegmentation(input: { segmentationId: "' + primary + '", decision: ACCEPTED }) { segmentation { id } } }');
    expect(codes(early)).toEqual(['CONFLICT']);
    // A mask on another grid, or without its label, is refused.
    for (const [bad, message] of [[boxMask([2, 2, 1], [6, 6, 3], 1, [12, 10, 5]), /mask size/], [boxMask([2, 2, 1], [6, 6, 3], 2), /label 1 is not present/],
      [boxMask([2, 2, 1], [6, 6, 3], 1, [12, 10, 6], [0.8, 0.8, 2.6]), /mask spacing/]] as const) {
      const req = await api.ok<{ requestSegmentationUpload: { upload: { uploadUrl: string } } }>(study.tokens.reader,
        'mutation($input: RequestSegmentationUploadInput!) { requestSegmentationUpload(input: $input) { upload { uploadUrl } } }',
        { input: { segmentationId: primary, fileName: 'mask.nrrd', sha256: sha256(bad), byteSize: bad.byteLength } });
      await putBytes(req.requestSegmentationUpload.upload.uploadUrl, bad);
      const result = await api.gql(study.tokens.reader, `mutation { finalizeSegmentationUpload(input: { segmentationId: "${primary}" }) { segmentation { id } } }`);
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    await submitMask(api, study.tokens.reader, primary, boxMask([2, 2, 1], [6, 6, 3]));
    await submitMask(api, study.tokens.reader2, repeat, boxMask([3, 2, 1], [7, 6, 3]));
    const data = await api.ok<{ segmentation: { status: string; voxelCount: number; volumeMm3: number; agreement: { dice: number; hd95Mm: number } } }>(study.tokens.analyst,
      'query($id: ID!) { segmentation(id: $id) { status voxelCount volumeMm3 agreement { dice hd95Mm } } }', { id: repeat });
    expect(data.segmentation.status).toBe('SUBMITTED');
    expect(data.segmentation.voxelCount).toBe(32);
    expect(data.segmentation.volumeMm3).toBeCloseTo(32 * 0.8 * 0.8 * 2.5, 9);
    // Two 4×4×2 boxes shifted by one voxel in x share 3×4×2 = 24 voxels: Dice = 48 / 64.
    expect(data.segmentation.agreement.dice).toBe(0.75);
    // Every surface voxel of one box is 0 or 0.8 mm (one x step) from the other's surface.
    expect(data.segmentation.agreement.hd95Mm).toBeCloseTo(0.8, 12);
    await api.ok(study.tokens.analyst, `mutation { reviewSegmentation(input: { segmentationId: "${primary}", decision: ACCEPTED }) { segmentation { status } } }`);
    const after = await api.gql(study.tokens.analyst, `mutation { reviewSegmentation(input: { segmentationId: "${primary}", decision: REJECTED }) { segmentation { status } } }`);
    expect(codes(after)).toEqual(['CONFLICT']);
    const resubmit = await api.gql(study.tokens.reader, `mutation { finalizeSegmentationUpload(input: { segmentationId: "${primary}" }) { segmentation { id } } }`);
    expect(codes(resubmit)).toEqual(['CONFLICT']);
  });

  it('hands out audited presigned downloads that return the exact bytes', async () => {
    const data = await api.ok<{ requestImageDownload: { url: string } }>(study.tokens.viewer, `mutation { requestImageDownload(input: { imageId: "${imageId}" }) { url expiresAt } }`);
    const bytes = Buffer.from(await (await fetch(data.requestImageDownload.url)).arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(image));
    const audit = await api.ok<{ project: { auditEvents: { edges: { node: { action: string; targetIds: string[] } }[] } } }>(study.tokens.owner,
      'query($id: ID!) { project(id: $id) { auditEvents(first: 1) { edges { node { action targetIds actorId } } } } }', { id: study.projectId });
    expect(audit.project.auditEvents.edges[0]!.node).toMatchObject({ action: 'imaging.download', targetIds: [imageId] });
  });
});

describe('audit', () => {
  it('recorded every mutation and download in an intact chain', async () => {
    const verdict = await verifyAuditChain(api.db.url);
    expect(verdict.ok).toBe(true);
    const actions = await withClient(api.db.url, async (c) => (await c.query<{ action: string }>('SELECT DISTINCT action FROM audit_event ORDER BY action')).rows.map((r) => r.action));
    expect(actions).toEqual([
      'imaging.download', 'imaging.finalize', 'imaging.requestUpload', 'member.add', 'patient.create', 'patient.update', 'project.create', 'segmentation.assign',
      'segmentation.finalize', 'segmentation.requestUpload', 'segmentation.review', 'site.create', 'token.create', 'token.revoke', 'user.create',
    ]);
  });
});

describe('folder import through the API (radtrace import images)', () => {
  it('uploads real volumes and masks matched by naming pattern, and skips them on a second run', async () => {
    const dir = await tempDir('import');
    try {
      for (const key of ['BR-1', 'BR-2']) {
        await createPatient(api, study.tokens.analyst, { projectId: study.projectId, siteId: study.siteIds[0], key });
      }
      await copyFile(join(PYRADIOMICS_DATA, 'brain1_image.nrrd'), join(dir.path, 'BR-1_arterial.nrrd'));
      await copyFile(join(PYRADIOMICS_DATA, 'brain1_label.nrrd'), join(dir.path, 'BR-1_arterial_mask.nrrd'));
      await copyFile(join(PYRADIOMICS_DATA, 'brain2_image.nrrd'), join(dir.path, 'BR-2_venous.nrrd'));
      await writeFile(join(dir.path, 'notes.txt'), 'not an image');
      const args = ['images', '--url', api.url, '--token', study.tokens.analyst, '--project', study.projectId, '--dir', dir.path,
        '--pattern', '{patient}_{phase}.nrrd', '--mask-pattern', '{patient}_{phase}_mask.nrrd', '--reader', study.memberIds.reader, '--manufacturer', 'Siemens'];
      expect(await importCommand.run(args)).toBe(0);
      const data = await api.ok<{ project: { patients: { edges: { node: { key: string; images: { phase: string; format: string; geometry: { size: number[] }; scanner: { manufacturer: string };
        segmentations: { status: string; voxelCount: number }[] }[] } }[] } } }>(study.tokens.analyst,
        `{ project(id: "${study.projectId}") { patients(first: 100) { edges { node { key images { phase format geometry { size } scanner { manufacturer } segmentations { status voxelCount } } } } } } }`);
      const byKey = new Map(data.project.patients.edges.map((e) => [e.node.key, e.node.images]));
      expect(byKey.get('BR-1')).toHaveLength(1);
      expect(byKey.get('BR-1')![0]).toMatchObject({ phase: 'ARTERIAL', format: 'NRRD_GZIP', scanner: { manufacturer: 'Siemens' }, segmentations: [{ status: 'SUBMITTED' }] });
      expect(byKey.get('BR-1')![0]!.segmentations[0]!.voxelCount).toBeGreaterThan(1000);
      expect(byKey.get('BR-2')![0]).toMatchObject({ phase: 'VENOUS' });
      // Second run: nothing new.
      expect(await importCommand.run(args)).toBe(0);
      const again = await api.ok<{ patient: { images: unknown[] } }>(study.tokens.analyst, `{ patient(id: "${(await keyToId('BR-1'))}") { images { id } } }`);
      expect(again.patient.images).toHaveLength(1);
    } finally {
      await dir.remove();
    }
  });
});

async function keyToId(key: string): Promise<string> {
  return withClient(api.db.url, async (c) => (await c.query<{ id: string }>('SELECT id FROM patient WHERE key = $1', [key])).rows[0]!.id);
}
