import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, ConnectionArgs } from '../../infra/graphql/connection.js';
import { JSONScalar } from '../../infra/graphql/json.scalar.js';
import type { BmiCategory, ExtraCovariates, Sex } from './patient.entity.js';

export const SexValues = { MALE: 'MALE', FEMALE: 'FEMALE' } as const;
registerEnumType(SexValues, { name: 'Sex' });
export const BmiCategoryValues = { UNDERWEIGHT: 'UNDERWEIGHT', NORMAL: 'NORMAL', OVERWEIGHT: 'OVERWEIGHT', OBESE: 'OBESE' } as const;
registerEnumType(BmiCategoryValues, { name: 'BmiCategory' });

@ObjectType('PatientCovariates', { description: 'Clinical covariates (not visible to READERs).' })
export class PatientCovariatesModel {
  @Field(() => BmiCategoryValues, { nullable: true })
  bmiCategory: BmiCategory | null;

  @Field(() => Boolean, { nullable: true })
  smoking: boolean | null;

  @Field(() => Boolean, { nullable: true })
  drinking: boolean | null;

  @Field(() => Int, { nullable: true, description: 'ECOG performance status, 0 to 5.' })
  ecog: number | null;

  @Field(() => JSONScalar, { description: 'Named extra covariates: name → number or text.' })
  extra: ExtraCovariates;
}

@ObjectType('PatientOutcome', {
  description: 'Outcome dates and the PFS derived from them: months = days / 30.4375; event = progression or death, else censored at last follow-up.',
})
export class PatientOutcomeModel {
  @Field(() => String, { nullable: true, description: 'Date of pathological diagnosis (YYYY-MM-DD), where PFS starts.' })
  diagnosisDate: string | null;

  @Field(() => String, { nullable: true })
  progressionOrDeathDate: string | null;

  @Field(() => String, { nullable: true })
  lastFollowUpDate: string | null;

  @Field(() => Float, { nullable: true })
  pfsMonths: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: progression or death observed; false: censored.' })
  pfsEvent: boolean | null;
}

@ObjectType('Patient', { description: 'A study patient under a pseudonymous key.' })
export class PatientModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Pseudonymous key, unique in the project.' })
  key: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  projectId: string;
  siteId: string;
}

@ObjectType()
export class PatientConnection extends Connection(PatientModel) {}

@InputType()
export class CovariateFilter {
  @Field(() => String, { description: 'sex, bmiCategory, smoking, drinking, ecog, or the name of an extra covariate.' })
  name: string;

  @Field(() => String, { description: 'Value to match, e.g. "MALE", "true", "1", "OVERWEIGHT".' })
  equals: string;
}

@ArgsType()
export class PatientsArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  siteId?: string;

  @Field(() => CovariateFilter, { nullable: true })
  covariate?: CovariateFilter;

  @Field(() => Boolean, { nullable: true, description: 'true: only patients with a REPEAT reading; false: only those without.' })
  hasRepeatReading?: boolean;
}

@InputType()
class PatientFieldsInput {
  @Field(() => SexValues, { nullable: true })
  sex?: Sex;

  @Field(() => Float, { nullable: true })
  ageAtDiagnosis?: number;

  @Field(() => BmiCategoryValues, { nullable: true })
  bmiCategory?: BmiCategory;

  @Field(() => Boolean, { nullable: true })
  smoking?: boolean;

  @Field(() => Boolean, { nullable: true })
  drinking?: boolean;

  @Field(() => Int, { nullable: true })
  ecog?: number;

  @Field(() => JSONScalar, { nullable: true, description: 'Named extra covariates: { "tumourStage": "III", "albumin": 38.5 }.' })
  extraCovariates?: unknown;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  diagnosisDate?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  progressionOrDeathDate?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  lastFollowUpDate?: string;
}

@InputType()
export class CreatePatientInput extends PatientFieldsInput {
  @Field(() => ID)
  projectId: string;

  @Field(() => ID)
  siteId: string;

  @Field(() => String)
  key: string;
}

@InputType()
export class UpdatePatientInput extends PatientFieldsInput {
  @Field(() => ID)
  patientId: string;

  @Field(() => ID, { nullable: true })
  siteId?: string;

  @Field(() => String, { nullable: true })
  key?: string;
}

@ObjectType()
export class PatientPayload {
  @Field(() => PatientModel)
  patient: PatientModel;
}
