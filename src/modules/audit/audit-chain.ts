// The audit log's tamper evidence: each event's hash covers its content and the previous event's
// hash, so changing, removing or reordering any event breaks every hash after it.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEventContent {
  seq: number;
  at: Date;
  actorId: string | null;
  projectId: string | null;
  action: string;
  targetIds: string[];
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, event: ChainedEventContent): string {
  const content = canonicalJson({
    seq: String(event.seq), at: event.at.toISOString(), actorId: event.actorId, projectId: event.projectId,
    action: event.action, targetIds: event.targetIds, details: event.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface StoredChainEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
}

export interface ChainVerdict {
  ok: boolean;
  events: number;
  /** First event whose link or hash is wrong, with why. */
  brokenAt?: { seq: number; reason: string };
}

/** Checks events in seq order: consecutive seq numbers, each prevHash the last hash, each hash recomputed. */
export function verifyChain(events: Iterable<StoredChainEvent>): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { ok: false, events: count, brokenAt: { seq: event.seq, reason: `expected event ${expectedSeq} next (an event was removed or inserted)` } };
    if (event.prevHash !== prev) return { ok: false, events: count, brokenAt: { seq: event.seq, reason: 'prev_hash does not match the previous event' } };
    const recomputed = eventHash(prev, event);
    if (recomputed !== event.hash) return { ok: false, events: count, brokenAt: { seq: event.seq, reason: 'content does not match its hash (the event was altered)' } };
    prev = event.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, events: count };
}
