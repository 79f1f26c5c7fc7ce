// TypeORM connection settings shared by the API, the worker and `radtrace migrate`.
// synchronize is off for good: the schema changes only through migrations/.
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { EntitySchema } from 'typeorm';
import { migrations } from '../../../migrations/index.js';

type EntityClass = EntitySchema | (new () => object);

export function dataSourceOptions(url: string, entities: EntityClass[] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 10_000 },
  };
}

/** Applies every pending migration; returns the names of those it applied (none on a second run). */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
