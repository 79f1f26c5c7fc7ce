// The study result as JSON (the provenance record): typed arrays become arrays; NaN and ±Infinity
// become null (JSON has no such numbers), e.g. an undefined AUC or an ROC curve's ±∞ thresholds.
import type { StudyResult } from './study.js';

export function studyResultToJson(result: StudyResult, indent = 1): string {
  return JSON.stringify(
    result,
    (_key, value: unknown) => (ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value),
    indent,
  );
}
