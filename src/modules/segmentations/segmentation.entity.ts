import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ReadingRound = 'PRIMARY' | 'REPEAT';
export type SegmentationStatus = 'ASSIGNED' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'segmentation' })
export class SegmentationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'image_id', type: 'uuid' })
  imageId: string;

  /** The image's patient, kept here so readings can be filtered by patient without a join. */
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  /** The reader's membership id. */
  @Column({ name: 'reader_id', type: 'uuid' })
  readerId: string;

  @Column({ type: 'text' })
  round: ReadingRound;

  @Column({ type: 'text' })
  status: SegmentationStatus;

  @Column({ type: 'integer' })
  label: number;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'text', nullable: true })
  format: string | null;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ name: 'byte_size', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  byteSize: number | null;

  @Column({ name: 'voxel_count', type: 'integer', nullable: true })
  voxelCount: number | null;

  @Column({ name: 'volume_mm3', type: 'double precision', nullable: true })
  volumeMm3: number | null;

  /** On the REPEAT reading: agreement with the PRIMARY reading of the same image. */
  @Column({ type: 'double precision', nullable: true })
  dice: number | null;

  @Column({ name: 'hd95_mm', type: 'double precision', nullable: true })
  hd95Mm: number | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}
