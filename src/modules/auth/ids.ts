import { In, type FindOptionsWhere, type Repository } from 'typeorm';

// Ids in the API are UUIDs; anything else cannot name a row, and must not reach SQL as a uuid.
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export function uuidsOnly(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/** The rows with these ids (a DataLoader batch); ids that are not uuids name no row and are dropped. */
export async function rowsByIds<T extends { id: string }>(repository: Repository<T>, ids: readonly string[]): Promise<T[]> {
  const valid = uuidsOnly(ids);
  return valid.length ? repository.findBy({ id: In(valid) } as FindOptionsWhere<T>) : [];
}

/** For one-to-many DataLoaders: the rows of each key, in the order of `keys`. */
export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}
