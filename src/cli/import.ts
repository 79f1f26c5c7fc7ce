// `radtrace import images`: uploads a folder of image (and mask) files to a running RadTrace
// through its public GraphQL API, matching file names to patients by a naming pattern, with
// progress on stderr. Re-running skips files already imported for the patient (same sha256).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';

const HELP = `usage: radtrace import images --project ID --dir DIR [options]

Uploads every file of DIR whose name matches --pattern as an imaging object of the patient with
that key; with --mask-pattern and --reader, a matching mask is uploaded as that reader's PRIMARY
segmentation of the image. Placeholders: {patient} (the patient key) and {phase}.

options:
  --url URL            RadTrace API (default RADTRACE_URL or http://127.0.0.1:4000)
  --token TOKEN        API token (default RADTRACE_TOKEN)
  --pattern P          image file names (default "{patient}_{phase}.nrrd")
  --mask-pattern P     mask file names, e.g. "{patient}_{phase}_mask.nrrd"
  --reader MEMBER_ID   member that the masks are recorded for
  --manufacturer, --model, --kvp, --mas, --slice-thickness   scanner metadata for every image`;

interface Match {
  file: string;
  patient: string;
  phase: string;
}

export function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const source = escaped.replace('{patient}', '(?<patient>.+?)').replace('{phase}', '(?<phase>[A-Za-z_]+)');
  if (!source.includes('(?<patient>')) throw new Error(`pattern '${pattern}' must contain {patient}`);
  return new RegExp(`^${source}$`);
}

export function matchFiles(files: string[], pattern: string): Match[] {
  const regex = patternToRegExp(pattern);
  return files.flatMap((file) => {
    const m = regex.exec(file);
    return m?.groups ? [{ file, patient: m.groups.patient!, phase: (m.groups.phase ?? 'ARTERIAL').toUpperCase() }] : [];
  });
}

class ApiClient {
  constructor(private readonly url: string, private readonly token: string) {}

  async call<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` }, body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.message} (${e.extensions?.code ?? 'error'})`).join('; '));
    return body.data as T;
  }

  async put(url: string, bytes: Buffer): Promise<void> {
    const response = await fetch(url, { method: 'PUT', body: bytes, headers: { 'content-length': String(bytes.byteLength) } });
    if (!response.ok) throw new Error(`upload failed: HTTP ${response.status}`);
  }
}

interface PatientIndex {
  id: string;
  shas: Set<string>;
}

async function patientsByKey(api: ApiClient, projectId: string): Promise<Map<string, PatientIndex>> {
  const index = new Map<string, PatientIndex>();
  let after: string | null = null;
  for (;;) {
    const data: { project: { patients: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; key: string; images: { sha256: string; status: string }[] } }[] } } } =
      await api.call('query($id: ID!, $after: String) { project(id: $id) { patients(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id key images { sha256 status } } } } } }', { id: projectId, after });
    for (const { node } of data.project.patients.edges) index.set(node.key, { id: node.id, shas: new Set(node.images.filter((i) => i.status === 'FINAL').map((i) => i.sha256)) });
    if (!data.project.patients.pageInfo.hasNextPage) return index;
    after = data.project.patients.pageInfo.endCursor;
  }
}

export const command: CliCommand = {
  summary: 'import a folder of images and masks through the API (by naming pattern)',
  async run(args) {
    const [sub, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        url: { type: 'string' }, token: { type: 'string' }, project: { type: 'string' }, dir: { type: 'string' }, pattern: { type: 'string' },
        'mask-pattern': { type: 'string' }, reader: { type: 'string' }, manufacturer: { type: 'string' }, model: { type: 'string' }, kvp: { type: 'string' },
        mas: { type: 'string' }, 'slice-thickness': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (sub !== 'images' || values.help) {
      console.log(HELP);
      return values.help ? 0 : 2;
    }
    const token = values.token ?? process.env.RADTRACE_TOKEN;
    if (!values.project || !values.dir || !token) {
      console.error('radtrace import images: --project, --dir and --token (or RADTRACE_TOKEN) are required');
      return 2;
    }
    if (values['mask-pattern'] && !values.reader) {
      console.error('radtrace import images: --mask-pattern needs --reader (the member the masks belong to)');
      return 2;
    }
    const api = new ApiClient((values.url ?? process.env.RADTRACE_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, ''), token);
    const files = (await readdir(values.dir)).sort();
    const masks = values['mask-pattern'] ? matchFiles(files, values['mask-pattern']) : [];
    const maskFiles = new Set(masks.map((m) => m.file));
    const images = matchFiles(files, values.pattern ?? '{patient}_{phase}.nrrd').filter((m) => !maskFiles.has(m.file));
    const maskOf = new Map(masks.map((m) => [`${m.patient}\u0000${m.phase}`, m.file]));
    const patients = await patientsByKey(api, values.project);
    const scanner = {
      manufacturer: values.manufacturer, model: values.model, kvp: num(values.kvp), mas: num(values.mas), sliceThickness: num(values['slice-thickness']),
    };
    let failed = 0;
    let done = 0;
    for (const [i, image] of images.entries()) {
      const progress = `[${i + 1}/${images.length}] ${image.file}`;
      try {
        const patient = patients.get(image.patient);
        if (!patient) throw new Error(`no patient with key '${image.patient}' in the project`);
        const bytes = await readFile(join(values.dir, image.file));
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (patient.shas.has(sha256)) {
          console.error(`${progress}: already imported, skipped`);
          continue;
        }
        const requested = await api.call<{ requestImageUpload: { image: { id: string }; upload: { uploadUrl: string | null } } }>(
          'mutation($input: RequestImageUploadInput!) { requestImageUpload(input: $input) { image { id } upload { uploadUrl } } }',
          { input: { patientId: patient.id, phase: image.phase, fileName: image.file, sha256, byteSize: bytes.byteLength, ...scanner } });
        const imageId = requested.requestImageUpload.image.id;
        if (requested.requestImageUpload.upload.uploadUrl) await api.put(requested.requestImageUpload.upload.uploadUrl, bytes);
        await api.call('mutation($input: FinalizeImageUploadInput!) { finalizeImageUpload(input: $input) { image { id } } }', { input: { imageId } });
        patient.shas.add(sha256);
        const maskFile = maskOf.get(`${image.patient}\u0000${image.phase}`);
        if (maskFile) await uploadMask(api, imageId, values.reader!, join(values.dir, maskFile), maskFile);
        done++;
        console.error(`${progress}: imported${maskFile ? ` with mask ${maskFile}` : ''}`);
      } catch (err) {
        failed++;
        console.error(`${progress}: FAILED: ${(err as Error).message}`);
      }
    }
    console.error(`imported ${done} of ${images.length} images${failed ? `, ${failed} failed` : ''}`);
    return failed ? 1 : 0;
  },
};

async function uploadMask(api: ApiClient, imageId: string, readerId: string, path: string, fileName: string): Promise<void> {
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const assigned = await api.call<{ assignSegmentation: { segmentation: { id: string } } }>(
    'mutation($input: AssignSegmentationInput!) { assignSegmentation(input: $input) { segmentation { id } } }', { input: { imageId, readerId, round: 'PRIMARY' } });
  const segmentationId = assigned.assignSegmentation.segmentation.id;
  const requested = await api.call<{ requestSegmentationUpload: { upload: { uploadUrl: string | null } } }>(
    'mutation($input: RequestSegmentationUploadInput!) { requestSegmentationUpload(input: $input) { upload { uploadUrl } } }',
    { input: { segmentationId, fileName, sha256, byteSize: bytes.byteLength } });
  if (requested.requestSegmentationUpload.upload.uploadUrl) await api.put(requested.requestSegmentationUpload.upload.uploadUrl, bytes);
  await api.call('mutation($input: SegmentationIdInput!) { finalizeSegmentationUpload(input: $input) { segmentation { id } } }', { input: { segmentationId } });
}

function num(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
