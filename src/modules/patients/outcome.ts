// PFS from the outcome dates, as the study defines it: from pathological diagnosis to
// progression or death (event), else censored at last follow-up. Months are days / 30.4375
// (the mean Gregorian month, 365.25 / 12), the convention of R's lubridate and most papers.
import { BadInputError } from '../../infra/graphql/errors.js';

export const DAYS_PER_MONTH = 30.4375;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface OutcomeDates {
  diagnosisDate: string | null;
  progressionOrDeathDate: string | null;
  lastFollowUpDate: string | null;
}

export interface DerivedPfs {
  pfsMonths: number | null;
  pfsEvent: boolean | null;
}

/** Days since 1970-01-01 of a real calendar date 'YYYY-MM-DD' (rejects 2023-02-30 and the like). */
export function parseIsoDate(value: string, field: string): number {
  const m = ISO_DATE.exec(value);
  if (!m) throw new BadInputError(`${field} '${value}' is not a date in the form YYYY-MM-DD`, field);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new BadInputError(`${field} '${value}' is not a real calendar date`, field);
  }
  if (year < 1900) throw new BadInputError(`${field} '${value}' is before 1900`, field);
  if (ms > Date.now()) throw new BadInputError(`${field} '${value}' is in the future`, field);
  return ms / 86_400_000;
}

/** Validates the dates against each other and derives PFS; null PFS while the outcome is incomplete. */
export function derivePfs(dates: OutcomeDates): DerivedPfs {
  const diagnosis = dates.diagnosisDate === null ? null : parseIsoDate(dates.diagnosisDate, 'diagnosisDate');
  const event = dates.progressionOrDeathDate === null ? null : parseIsoDate(dates.progressionOrDeathDate, 'progressionOrDeathDate');
  const followUp = dates.lastFollowUpDate === null ? null : parseIsoDate(dates.lastFollowUpDate, 'lastFollowUpDate');
  if (diagnosis === null) {
    if (event !== null || followUp !== null) throw new BadInputError('outcome dates need the diagnosisDate they are counted from', 'diagnosisDate');
    return { pfsMonths: null, pfsEvent: null };
  }
  if (event !== null && event < diagnosis) throw new BadInputError('progressionOrDeathDate is before diagnosisDate', 'progressionOrDeathDate');
  if (followUp !== null && followUp < diagnosis) throw new BadInputError('lastFollowUpDate is before diagnosisDate', 'lastFollowUpDate');
  if (event !== null && followUp !== null && followUp < event) {
    throw new BadInputError('lastFollowUpDate is before progressionOrDeathDate (follow-up cannot end before the event it observed)', 'lastFollowUpDate');
  }
  if (event !== null) return { pfsMonths: (event - diagnosis) / DAYS_PER_MONTH, pfsEvent: true };
  if (followUp !== null) return { pfsMonths: (followUp - diagnosis) / DAYS_PER_MONTH, pfsEvent: false };
  return { pfsMonths: null, pfsEvent: null };
}
