import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `job` table: what the API shows about a queued piece of work (the queue itself is pg-boss). */
export class Jobs1764201600001 implements MigrationInterface {
  name = 'Jobs1764201600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        message text,
        input jsonb NOT NULL DEFAULT '{}'::jsonb,
        result jsonb,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        worker text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()), -- ms: cursors carry it as ISO text
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX job_status_created_idx ON job (status, created_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE job');
  }
}
