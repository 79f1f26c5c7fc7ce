import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The research data of issue 5: users and API tokens, projects (tenants) with sites and
 * memberships, patients, imaging objects, segmentations, second-reader draws, and the
 * append-only, hash-chained audit log. Every research row carries its project_id.
 */
export class ResearchData1764300000000 implements MigrationInterface {
  name = 'ResearchData1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        UNIQUE (project_id, name)
      )`);
    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        role text NOT NULL CHECK (role IN ('OWNER', 'ANALYST', 'READER', 'VIEWER')),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        UNIQUE (project_id, user_id)
      )`);
    await q.query('CREATE INDEX membership_user_idx ON membership (user_id)');
    await q.query(`
      CREATE TABLE patient (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        site_id uuid NOT NULL REFERENCES site(id),
        key text NOT NULL,
        sex text CHECK (sex IN ('MALE', 'FEMALE')),
        age_at_diagnosis double precision CHECK (age_at_diagnosis >= 0 AND age_at_diagnosis < 130),
        bmi_category text CHECK (bmi_category IN ('UNDERWEIGHT', 'NORMAL', 'OVERWEIGHT', 'OBESE')),
        smoking boolean,
        drinking boolean,
        ecog integer CHECK (ecog BETWEEN 0 AND 5),
        extra_covariates jsonb NOT NULL DEFAULT '{}'::jsonb,
        diagnosis_date date,
        progression_or_death_date date,
        last_follow_up_date date,
        pfs_months double precision,
        pfs_event boolean,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        UNIQUE (project_id, key)
      )`);
    await q.query('CREATE INDEX patient_project_site_idx ON patient (project_id, site_id)');
    await q.query(`
      CREATE TABLE imaging_object (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        patient_id uuid NOT NULL REFERENCES patient(id),
        status text NOT NULL CHECK (status IN ('PENDING', 'FINAL')),
        file_name text NOT NULL,
        phase text NOT NULL,
        format text,
        sha256 text NOT NULL,
        byte_size bigint NOT NULL,
        pixel_type text,
        size integer[],
        spacing double precision[],
        origin double precision[],
        direction double precision[],
        manufacturer text,
        model text,
        kvp double precision,
        mas double precision,
        slice_thickness double precision,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        finalized_at timestamptz
      )`);
    await q.query('CREATE INDEX imaging_object_patient_idx ON imaging_object (patient_id)');
    await q.query('CREATE INDEX imaging_object_sha_idx ON imaging_object (sha256)');
    await q.query(`
      CREATE TABLE segmentation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        image_id uuid NOT NULL REFERENCES imaging_object(id),
        patient_id uuid NOT NULL REFERENCES patient(id),
        reader_id uuid NOT NULL REFERENCES membership(id),
        round text NOT NULL CHECK (round IN ('PRIMARY', 'REPEAT')),
        status text NOT NULL CHECK (status IN ('ASSIGNED', 'SUBMITTED', 'ACCEPTED', 'REJECTED')),
        label integer NOT NULL DEFAULT 1,
        file_name text,
        format text,
        sha256 text,
        byte_size bigint,
        voxel_count integer,
        volume_mm3 double precision,
        dice double precision,
        hd95_mm double precision,
        review_note text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        submitted_at timestamptz,
        reviewed_at timestamptz
      )`);
    await q.query('CREATE INDEX segmentation_image_idx ON segmentation (image_id)');
    await q.query('CREATE INDEX segmentation_project_idx ON segmentation (project_id, status, round)');
    await q.query(`CREATE UNIQUE INDEX segmentation_one_open_per_round ON segmentation (image_id, round) WHERE status <> 'REJECTED'`);
    await q.query(`
      CREATE TABLE reading_draw (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project(id),
        seed integer NOT NULL,
        requested integer NOT NULL,
        eligible_count integer NOT NULL,
        patient_ids uuid[] NOT NULL,
        reader_id uuid NOT NULL REFERENCES membership(id),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`
      CREATE TABLE audit_event (
        seq bigint PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL,
        actor_id uuid,
        project_id uuid,
        action text NOT NULL,
        target_ids text[] NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query('CREATE INDEX audit_event_project_idx ON audit_event (project_id, seq)');
    // Append-only: the database itself refuses to change or delete an audit event.
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_event', 'reading_draw', 'segmentation', 'imaging_object', 'patient', 'membership', 'site', 'project', 'api_token', 'app_user']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query('DROP FUNCTION IF EXISTS audit_event_append_only()');
  }
}
