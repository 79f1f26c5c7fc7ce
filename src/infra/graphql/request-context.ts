// Built once per GraphQL request and passed to every resolver (`@Context() ctx: RequestContext`):
// who is asking, the request id and logger, and the request's DataLoaders.
import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { RequestWithId } from '../logging/request-logging.js';

export interface RequestContext {
  requestId: string;
  log: Logger;
  /** Filled by authentication (a later issue); undefined for anonymous calls. */
  actor?: { id: string; kind: 'user' | 'token' };
  loaders: LoaderRegistry;
  req: RequestWithId;
}

/**
 * One DataLoader per key and request, created on first use, so N parents asking for their
 * children cost one batched query, and nothing is cached across requests.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders rows fetched with `WHERE id IN (...)` to match the requested keys, null where missing. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => index.get(key) ?? null);
}

export function createRequestContext(req: RequestWithId): RequestContext {
  return { requestId: req.id, log: req.log, loaders: new LoaderRegistry(), req };
}
