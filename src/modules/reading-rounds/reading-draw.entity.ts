import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A recorded random draw of patients for the REPEAT reading (seed and list kept for audit). */
@Entity({ name: 'reading_draw' })
export class ReadingDrawEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'integer' })
  seed: number;

  @Column({ type: 'integer' })
  requested: number;

  @Column({ name: 'eligible_count', type: 'integer' })
  eligibleCount: number;

  /** Drawn patients, in draw order. */
  @Column({ name: 'patient_ids', type: 'uuid', array: true })
  patientIds: string[];

  @Column({ name: 'reader_id', type: 'uuid' })
  readerId: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
