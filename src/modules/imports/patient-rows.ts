// Turns CSV rows into patient fields through a column mapping; collects every problem of every
// row instead of stopping at the first, so one upload shows all that must be fixed.
import { AppError } from '../../infra/graphql/errors.js';
import { normalisePatient, type NormalisedPatient } from '../patients/patient-fields.js';
import type { BmiCategory, ExtraCovariates, Sex } from '../patients/patient.entity.js';
import type { CsvRow } from './csv.js';

/** Patient field → CSV column name. Only `key` is required. */
export interface PatientColumnMapping {
  key: string;
  site?: string;
  sex?: string;
  ageAtDiagnosis?: string;
  bmiCategory?: string;
  smoking?: string;
  drinking?: string;
  ecog?: string;
  diagnosisDate?: string;
  progressionOrDeathDate?: string;
  lastFollowUpDate?: string;
  numericCovariates?: string[];
  categoricalCovariates?: string[];
}

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

const SEX: Record<string, Sex> = { m: 'MALE', male: 'MALE', f: 'FEMALE', female: 'FEMALE' };
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export function mapPatientRows(
  header: string[], rows: CsvRow[], mapping: PatientColumnMapping, siteIdOf: (name: string) => string | undefined, defaultSiteId: string | undefined,
): { patients: NormalisedPatient[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const index = new Map(header.map((name, i) => [name, i]));
  const singles = Object.entries(mapping).filter(([, v]) => typeof v === 'string') as [string, string][];
  const lists = [...(mapping.numericCovariates ?? []), ...(mapping.categoricalCovariates ?? [])];
  for (const [, column] of singles) if (!index.has(column)) errors.push({ line: 1, column, message: `column '${column}' named in the mapping is not in the header` });
  for (const column of lists) if (!index.has(column)) errors.push({ line: 1, column, message: `column '${column}' named in the mapping is not in the header` });
  if (!mapping.site && !defaultSiteId) errors.push({ line: 1, column: null, message: 'map a site column or give defaultSiteId' });
  if (errors.length) return { patients: [], errors };

  const patients: NormalisedPatient[] = [];
  const seenKeys = new Map<string, number>();
  for (const row of rows) {
    const rowErrors: RowError[] = [];
    const fail = (column: string | null, message: string): null => {
      rowErrors.push({ line: row.line, column, message });
      return null;
    };
    if (row.fields.length !== header.length) {
      errors.push({ line: row.line, column: null, message: `${row.fields.length} fields; the header has ${header.length}` });
      continue;
    }
    const cell = (column: string | undefined): string | null => {
      if (!column) return null;
      const value = row.fields[index.get(column)!]!.trim();
      return value === '' || /^(na|n\/a|null)$/i.test(value) ? null : value;
    };
    const number = (column: string | undefined): number | null => {
      const v = cell(column);
      if (v === null) return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : fail(column!, `'${v}' is not a number`);
    };
    const yesNo = (column: string | undefined): boolean | null => {
      const v = cell(column)?.toLowerCase();
      if (v === undefined || v === null) return null;
      return YES.has(v) ? true : NO.has(v) ? false : fail(column!, `'${v}' is not yes/no`);
    };
    const sexText = cell(mapping.sex)?.toLowerCase();
    const sex = sexText === undefined || sexText === null ? null : SEX[sexText] ?? fail(mapping.sex!, `'${sexText}' is not a sex (M/F/male/female)`);
    const bmiText = cell(mapping.bmiCategory)?.toUpperCase() ?? null;
    const siteName = cell(mapping.site);
    const siteId = siteName === null ? defaultSiteId ?? fail(mapping.site ?? null, 'no site') : siteIdOf(siteName) ?? fail(mapping.site!, `no site named '${siteName}' in the project`);
    const extra: ExtraCovariates = {};
    for (const column of mapping.numericCovariates ?? []) {
      const v = number(column);
      if (v !== null) extra[column] = v;
    }
    for (const column of mapping.categoricalCovariates ?? []) {
      const v = cell(column);
      if (v !== null) extra[column] = v;
    }
    const ecog = number(mapping.ecog);
    const fields = {
      key: cell(mapping.key) ?? '', siteId: siteId ?? '', sex, ageAtDiagnosis: number(mapping.ageAtDiagnosis), bmiCategory: bmiText as BmiCategory | null,
      smoking: yesNo(mapping.smoking), drinking: yesNo(mapping.drinking), ecog, extraCovariates: extra,
      diagnosisDate: cell(mapping.diagnosisDate), progressionOrDeathDate: cell(mapping.progressionOrDeathDate), lastFollowUpDate: cell(mapping.lastFollowUpDate),
    };
    if (!rowErrors.length) {
      try {
        const patient = normalisePatient(fields);
        const earlier = seenKeys.get(patient.key);
        if (earlier !== undefined) fail(mapping.key, `key '${patient.key}' repeats line ${earlier}`);
        else {
          seenKeys.set(patient.key, row.line);
          patients.push(patient);
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const field = (err.details?.field as string | undefined) ?? null;
        fail(field ? (mapping as unknown as Record<string, string | undefined>)[field] ?? field : null, err.message);
      }
    }
    errors.push(...rowErrors);
  }
  return { patients, errors };
}

