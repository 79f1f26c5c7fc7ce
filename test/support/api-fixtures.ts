// Building a study through the public API: users, a project with members of every role, sites,
// patients, uploaded images and masks.
import type { TestApi } from './api-app.js';
import { putBytes, sha256 } from './api-app.js';

export interface StudyUsers {
  owner: string;
  analyst: string;
  reader: string;
  reader2: string;
  viewer: string;
}

export async function createUser(api: TestApi, email: string): Promise<{ id: string; token: string }> {
  const data = await api.ok<{ createUser: { user: { id: string }; token: string } }>(api.adminToken,
    'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } token } }', { input: { email, name: email.split('@')[0] } });
  return { id: data.createUser.user.id, token: data.createUser.token };
}

export interface StudyProject {
  projectId: string;
  siteIds: string[];
  tokens: StudyUsers;
  memberIds: Record<keyof StudyUsers, string>;
}

/** A project whose OWNER adds an ANALYST, two READERs and a VIEWER, and two sites. */
export async function createStudyProject(api: TestApi, prefix: string): Promise<StudyProject> {
  const roles: [keyof StudyUsers, string][] = [['analyst', 'ANALYST'], ['reader', 'READER'], ['reader2', 'READER'], ['viewer', 'VIEWER']];
  const owner = await createUser(api, `${prefix}-owner@radtrace.test`);
  const project = await api.ok<{ createProject: { project: { id: string }; } }>(owner.token,
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }', { input: { name: `${prefix} study` } });
  const projectId = project.createProject.project.id;
  const tokens = { owner: owner.token } as StudyUsers;
  const memberIds = {} as Record<keyof StudyUsers, string>;
  const mine = await api.ok<{ project: { myMembership: { id: string } } }>(owner.token, 'query($id: ID!) { project(id: $id) { myMembership { id } } }', { id: projectId });
  memberIds.owner = mine.project.myMembership.id;
  for (const [name, role] of roles) {
    const user = await createUser(api, `${prefix}-${name}@radtrace.test`);
    tokens[name] = user.token;
    const added = await api.ok<{ addMember: { member: { id: string } } }>(owner.token,
      'mutation($input: AddMemberInput!) { addMember(input: $input) { member { id } } }', { input: { projectId, email: `${prefix}-${name}@radtrace.test`, role } });
    memberIds[name] = added.addMember.member.id;
  }
  const siteIds: string[] = [];
  for (const name of ['Site North', 'Site South']) {
    const site = await api.ok<{ addSite: { site: { id: string } } }>(owner.token,
      'mutation($input: AddSiteInput!) { addSite(input: $input) { site { id } } }', { input: { projectId, name } });
    siteIds.push(site.addSite.site.id);
  }
  return { projectId, siteIds, tokens, memberIds };
}

export async function createPatient(api: TestApi, token: string, input: Record<string, unknown>): Promise<string> {
  const data = await api.ok<{ createPatient: { patient: { id: string } } }>(token,
    'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } } }', { input });
  return data.createPatient.patient.id;
}

/** request → PUT → finalise; returns the image id. */
export async function uploadImage(api: TestApi, token: string, patientId: string, bytes: Buffer, extra: Record<string, unknown> = {}): Promise<string> {
  const requested = await api.ok<{ requestImageUpload: { image: { id: string }; upload: { uploadUrl: string | null } } }>(token,
    'mutation($input: RequestImageUploadInput!) { requestImageUpload(input: $input) { image { id } upload { uploadUrl alreadyStored } } }',
    { input: { patientId, phase: 'ARTERIAL', fileName: 'ct.nrrd', sha256: sha256(bytes), byteSize: bytes.byteLength, ...extra } });
  const { image, upload } = requested.requestImageUpload;
  if (upload.uploadUrl) await putBytes(upload.uploadUrl, bytes);
  await api.ok(token, 'mutation($input: FinalizeImageUploadInput!) { finalizeImageUpload(input: $input) { image { id } } }', { input: { imageId: image.id } });
  return image.id;
}

export async function assign(api: TestApi, token: string, imageId: string, readerId: string, round = 'PRIMARY'): Promise<string> {
  const data = await api.ok<{ assignSegmentation: { segmentation: { id: string } } }>(token,
    'mutation($input: AssignSegmentationInput!) { assignSegmentation(input: $input) { segmentation { id } } }', { input: { imageId, readerId, round } });
  return data.assignSegmentation.segmentation.id;
}

/** Upload and submit a mask for an assigned segmentation. */
export async function submitMask(api: TestApi, token: string, segmentationId: string, bytes: Buffer): Promise<void> {
  const requested = await api.ok<{ requestSegmentationUpload: { upload: { uploadUrl: string | null } } }>(token,
    'mutation($input: RequestSegmentationUploadInput!) { requestSegmentationUpload(input: $input) { upload { uploadUrl } } }',
    { input: { segmentationId, fileName: 'mask.nrrd', sha256: sha256(bytes), byteSize: bytes.byteLength } });
  if (requested.requestSegmentationUpload.upload.uploadUrl) await putBytes(requested.requestSegmentationUpload.upload.uploadUrl, bytes);
  await api.ok(token, 'mutation($input: SegmentationIdInput!) { finalizeSegmentationUpload(input: $input) { segmentation { id } } }', { input: { segmentationId } });
}
