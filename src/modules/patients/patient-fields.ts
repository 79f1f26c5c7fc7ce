// Checks and normalises the fields of one patient (from GraphQL or a CSV row); every problem is
// a BadInputError naming the field.
import { BadInputError } from '../../infra/graphql/errors.js';
import { derivePfs } from './outcome.js';
import type { BmiCategory, ExtraCovariates, Sex } from './patient.entity.js';

export const SEXES: readonly Sex[] = ['MALE', 'FEMALE'];
export const BMI_CATEGORIES: readonly BmiCategory[] = ['UNDERWEIGHT', 'NORMAL', 'OVERWEIGHT', 'OBESE'];

export interface PatientFields {
  key: string;
  siteId: string;
  sex: Sex | null;
  ageAtDiagnosis: number | null;
  bmiCategory: BmiCategory | null;
  smoking: boolean | null;
  drinking: boolean | null;
  ecog: number | null;
  extraCovariates: ExtraCovariates;
  diagnosisDate: string | null;
  progressionOrDeathDate: string | null;
  lastFollowUpDate: string | null;
}

export interface NormalisedPatient extends PatientFields {
  pfsMonths: number | null;
  pfsEvent: boolean | null;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export function normalisePatient(fields: PatientFields): NormalisedPatient {
  const key = fields.key.trim();
  if (!key || key.length > 128) throw new BadInputError('key must be 1 to 128 characters', 'key');
  if (fields.sex !== null && !SEXES.includes(fields.sex)) throw new BadInputError(`sex must be one of ${SEXES.join(', ')}`, 'sex');
  if (fields.ageAtDiagnosis !== null && !(Number.isFinite(fields.ageAtDiagnosis) && fields.ageAtDiagnosis >= 0 && fields.ageAtDiagnosis < 130)) {
    throw new BadInputError(`ageAtDiagnosis ${fields.ageAtDiagnosis} is not an age from 0 to 129`, 'ageAtDiagnosis');
  }
  if (fields.bmiCategory !== null && !BMI_CATEGORIES.includes(fields.bmiCategory)) {
    throw new BadInputError(`bmiCategory must be one of ${BMI_CATEGORIES.join(', ')}`, 'bmiCategory');
  }
  if (fields.ecog !== null && !(Number.isInteger(fields.ecog) && fields.ecog >= 0 && fields.ecog <= 5)) {
    throw new BadInputError(`ecog ${fields.ecog} is not an ECOG grade from 0 to 5`, 'ecog');
  }
  for (const [name, value] of Object.entries(fields.extraCovariates)) {
    if (!NAME.test(name)) throw new BadInputError(`covariate name '${name}' must start with a letter and use letters, digits, _ . -`, 'extraCovariates');
    if (!((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 200))) {
      throw new BadInputError(`covariate '${name}' must be a finite number or a text of at most 200 characters`, 'extraCovariates');
    }
  }
  return { ...fields, key, ...derivePfs(fields) };
}

/** GraphQL JSON → named covariates (an object of numbers and texts). */
export function parseExtraCovariates(value: unknown): ExtraCovariates {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new BadInputError('extraCovariates must be an object of name → number or text', 'extraCovariates');
  return { ...(value as ExtraCovariates) };
}
