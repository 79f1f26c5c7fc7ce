import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table `audit_event`: append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'audit_event' })
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_ids', type: 'text', array: true })
  targetIds: string[];

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
