import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Sex = 'MALE' | 'FEMALE';
export type BmiCategory = 'UNDERWEIGHT' | 'NORMAL' | 'OVERWEIGHT' | 'OBESE';
/** Named extra covariates: numeric or categorical values. */
export type ExtraCovariates = Record<string, number | string>;

@Entity({ name: 'patient' })
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  /** Pseudonymous key, unique per project. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text', nullable: true })
  sex: Sex | null;

  @Column({ name: 'age_at_diagnosis', type: 'double precision', nullable: true })
  ageAtDiagnosis: number | null;

  @Column({ name: 'bmi_category', type: 'text', nullable: true })
  bmiCategory: BmiCategory | null;

  @Column({ type: 'boolean', nullable: true })
  smoking: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  drinking: boolean | null;

  @Column({ type: 'integer', nullable: true })
  ecog: number | null;

  @Column({ name: 'extra_covariates', type: 'jsonb' })
  extraCovariates: ExtraCovariates;

  @Column({ name: 'diagnosis_date', type: 'date', nullable: true })
  diagnosisDate: string | null;

  @Column({ name: 'progression_or_death_date', type: 'date', nullable: true })
  progressionOrDeathDate: string | null;

  @Column({ name: 'last_follow_up_date', type: 'date', nullable: true })
  lastFollowUpDate: string | null;

  @Column({ name: 'pfs_months', type: 'double precision', nullable: true })
  pfsMonths: number | null;

  @Column({ name: 'pfs_event', type: 'boolean', nullable: true })
  pfsEvent: boolean | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
