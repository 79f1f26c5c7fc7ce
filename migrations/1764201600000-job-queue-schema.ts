import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job queue's own tables (schema `pgboss`), created from pg-boss's construction plan so a
 * migrated database is complete. pg-boss upgrades this schema itself when its version changes.
 * The plan brings its own transaction and advisory lock, so it runs outside TypeORM's.
 */
export class JobQueueSchema1764201600000 implements MigrationInterface {
  name = 'JobQueueSchema1764201600000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ present }] = (await queryRunner.query(`SELECT to_regclass('pgboss.version') IS NOT NULL AS present`)) as { present: boolean }[];
    if (!present) await queryRunner.query(PgBoss.getConstructionPlans('pgboss'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
  }
}
