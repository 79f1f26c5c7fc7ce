// Bulk fixtures written straight into the database, for tests and benches that are about reading
// many rows, not about the upload API: one finalised image per patient and a PRIMARY reading.
import { createHash } from 'node:crypto';
import { withClient } from './services.js';

export interface SeededImages {
  imageIds: string[];
  segmentationIds: string[];
}

export async function seedImagesAndReadings(
  databaseUrl: string, projectId: string, readerMemberIds: string[], options: { status?: string; salt?: string } = {},
): Promise<SeededImages> {
  return withClient(databaseUrl, async (client) => {
    const patients = (await client.query<{ id: string }>('SELECT id FROM patient WHERE project_id = $1 ORDER BY key', [projectId])).rows;
    const creator = (await client.query<{ user_id: string }>(`SELECT user_id FROM membership WHERE project_id = $1 AND role = 'OWNER' LIMIT 1`, [projectId])).rows[0]!.user_id;
    const shas = patients.map((p) => createHash('sha256').update(`${options.salt ?? ''}${p.id}`).digest('hex'));
    const images = await client.query<{ id: string; patient_id: string }>(
      `INSERT INTO imaging_object (project_id, patient_id, status, file_name, phase, format, sha256, byte_size, pixel_type, size, spacing, origin, direction, created_by, finalized_at)
       SELECT $1, p, 'FINAL', 'ct.nrrd', 'ARTERIAL', 'NRRD', s, 1000, 'int16', '{12,10,6}', '{0.8,0.8,2.5}', '{0,0,0}', '{1,0,0,0,1,0,0,0,1}', $4, now()
       FROM unnest($2::uuid[], $3::text[]) AS t(p, s) RETURNING id, patient_id`,
      [projectId, patients.map((p) => p.id), shas, creator],
    );
    const readers = images.rows.map((_, i) => readerMemberIds[i % readerMemberIds.length]!);
    const segs = await client.query<{ id: string }>(
      `INSERT INTO segmentation (project_id, image_id, patient_id, reader_id, round, status, label, file_name, format, sha256, byte_size, voxel_count, volume_mm3, submitted_at)
       SELECT $1, i, p, r, 'PRIMARY', $5, 1, 'mask.nrrd', 'NRRD', md5(i::text) || md5(p::text), 500, 32, 51.2, now()
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS t(i, p, r) RETURNING id`,
      [projectId, images.rows.map((r) => r.id), images.rows.map((r) => r.patient_id), readers, options.status ?? 'SUBMITTED'],
    );
    return { imageIds: images.rows.map((r) => r.id), segmentationIds: segs.rows.map((r) => r.id) };
  });
}
