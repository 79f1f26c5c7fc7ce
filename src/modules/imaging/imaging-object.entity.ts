import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ImageStatus = 'PENDING' | 'FINAL';
export type VolumeFormat = 'NRRD' | 'NRRD_GZIP' | 'NIFTI' | 'NIFTI_GZIP';

const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'imaging_object' })
export class ImagingObjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Column({ type: 'text' })
  status: ImageStatus;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  phase: string;

  @Column({ type: 'text', nullable: true })
  format: VolumeFormat | null;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ name: 'byte_size', type: 'bigint', transformer: bigintAsNumber })
  byteSize: number;

  @Column({ name: 'pixel_type', type: 'text', nullable: true })
  pixelType: string | null;

  @Column({ type: 'integer', array: true, nullable: true })
  size: number[] | null;

  @Column({ type: 'double precision', array: true, nullable: true })
  spacing: number[] | null;

  @Column({ type: 'double precision', array: true, nullable: true })
  origin: number[] | null;

  @Column({ type: 'double precision', array: true, nullable: true })
  direction: number[] | null;

  @Column({ type: 'text', nullable: true })
  manufacturer: string | null;

  @Column({ type: 'text', nullable: true })
  model: string | null;

  @Column({ type: 'double precision', nullable: true })
  kvp: number | null;

  @Column({ type: 'double precision', nullable: true })
  mas: number | null;

  @Column({ name: 'slice_thickness', type: 'double precision', nullable: true })
  sliceThickness: number | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true })
  finalizedAt: Date | null;
}
