// Owns `audit_event`. Every mutation calls write() inside its own transaction, so the event
// commits with the change or not at all. Events are chained by hash (audit-chain.ts).
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { decodeCursor, paginate, pageSize, type ConnectionShape } from '../../infra/graphql/connection.js';
import { GENESIS_HASH, eventHash, verifyChain, type ChainVerdict, type StoredChainEvent } from './audit-chain.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditEntry {
  actorId: string | null;
  projectId: string | null;
  /** e.g. "patient.create", "imaging.download". */
  action: string;
  targetIds: string[];
  details?: Record<string, unknown>;
}

/** Serialises appends so each event links to the one committed before it. */
const AUDIT_LOCK = 0x5241_4454; // "RADT"

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Appends an event in the caller's transaction (`manager` must be transactional). */
  async write(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await appendAuditEvent(manager, entry);
  }

  /** A project's events, newest first. Callers check the caller is an OWNER. */
  async listForProject(projectId: string, args: { first?: number; after?: string; action?: string }): Promise<ConnectionShape<AuditEventEntity>> {
    const first = pageSize(args);
    const query = this.events.createQueryBuilder('e').where('e.project_id = :projectId', { projectId }).orderBy('e.seq', 'DESC').limit(first + 1);
    if (args.action) query.andWhere('e.action = :action', { action: args.action });
    if (args.after) query.andWhere('e.seq < :seq', { seq: Number(decodeCursor(args.after)[0]) });
    return paginate(await query.getMany(), first, (e) => [e.seq]);
  }

  /** Re-computes the whole chain; see also `radtrace audit verify`. */
  async verify(): Promise<ChainVerdict> {
    return verifyChainFromSql((text) => this.events.query(text));
  }
}

/** Appends one event, linked to the last; usable without Nest (the admin command). */
export async function appendAuditEvent(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = (await manager.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1')) as { seq: string; hash: string }[];
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const content = {
    seq: last[0] ? Number(last[0].seq) + 1 : 1,
    at: new Date(),
    actorId: entry.actorId,
    projectId: entry.projectId,
    action: entry.action,
    targetIds: entry.targetIds,
    details: entry.details ?? {},
  };
  const hash = eventHash(prevHash, content);
  await manager.query(
    `INSERT INTO audit_event (seq, id, at, actor_id, project_id, action, target_ids, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [content.seq, randomUUID(), content.at, content.actorId, content.projectId, content.action, content.targetIds, JSON.stringify(content.details), prevHash, hash],
  );
}

export type SqlRunner = (text: string) => Promise<unknown>;

/** Reads every event (in pages) with plain SQL and verifies the chain; usable without Nest. */
export async function verifyChainFromSql(sql: SqlRunner, batch = 5000): Promise<ChainVerdict> {
  const events: StoredChainEvent[] = [];
  let after = 0;
  for (;;) {
    const rows = (await sql(
      `SELECT seq, at, actor_id, project_id, action, target_ids, details, prev_hash, hash FROM audit_event WHERE seq > ${after} ORDER BY seq LIMIT ${batch}`,
    )) as { seq: string; at: Date; actor_id: string | null; project_id: string | null; action: string; target_ids: string[]; details: Record<string, unknown>; prev_hash: string; hash: string }[];
    for (const row of rows) {
      events.push({
        seq: Number(row.seq), at: new Date(row.at), actorId: row.actor_id, projectId: row.project_id, action: row.action,
        targetIds: row.target_ids, details: row.details, prevHash: row.prev_hash, hash: row.hash,
      });
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return verifyChain(events);
}
