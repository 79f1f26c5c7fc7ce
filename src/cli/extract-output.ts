// Output of `radtrace extract` in PyRadiomics' command-line formats: CSV (a header row, one row per case:
// Image, Mask, diagnostics_*, features) and JSON (one object per case per line). Numbers are written with
// JavaScript's shortest round-trip representation, so they parse back to the same doubles.
export interface CaseRow {
  image: string;
  mask: string;
  /** diagnostics_* → PyRadiomics-formatted text. */
  diagnostics: [string, string][];
  features: [string, number][];
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with the union of all cases' columns (first-seen order); a missing value is an empty field. */
export function toCsv(rows: CaseRow[]): string {
  const columns: string[] = ['Image', 'Mask'];
  const seen = new Set(columns);
  for (const row of rows) {
    for (const [k] of [...row.diagnostics, ...row.features]) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) {
    const values = new Map<string, string>([['Image', row.image], ['Mask', row.mask], ...row.diagnostics]);
    for (const [k, v] of row.features) values.set(k, String(v));
    lines.push(columns.map((c) => csvField(values.get(c) ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** One JSON object per case and line: {"Image": …, "Mask": …, "diagnostics_…": "…", "<feature>": number}. */
export function toJsonLines(rows: CaseRow[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries([
    ['Image', row.image], ['Mask', row.mask], ...row.diagnostics, ...row.features,
  ]))).map((line) => `${line}\n`).join('');
}
