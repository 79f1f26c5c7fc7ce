// Readers for the PyRadiomics reference tables in ../shared/data/pyradiomics (CSV with quoted fields).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYRADIOMICS_DATA } from './paths.js';

/** RFC-4180 CSV rows (quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export interface PaperReference {
  features: Map<string, number>;
  diagnostics: Map<string, string>;
  provenance: Map<string, string>;
}

/** A `paper_config/<case>_paper_<variant>.csv` file: feature,value,provenance. */
export function readPaperReference(file: string): PaperReference {
  const rows = parseCsv(readFileSync(join(PYRADIOMICS_DATA, 'paper_config', file), 'utf8')).slice(1);
  const out: PaperReference = { features: new Map(), diagnostics: new Map(), provenance: new Map() };
  for (const [name, value, provenance] of rows) {
    if (name.startsWith('diagnostics_')) out.diagnostics.set(name, value);
    else {
      out.features.set(name, Number(value));
      out.provenance.set(name, provenance);
    }
  }
  return out;
}

/** A `baseline/baseline_<class>.csv` file: featureName,<column>… → column → (row name → text). */
export function readBaseline(cls: string): Map<string, Map<string, string>> {
  const rows = parseCsv(readFileSync(join(PYRADIOMICS_DATA, 'baseline', `baseline_${cls}.csv`), 'utf8')).filter((r) => r.length > 1);
  const header = rows[0].slice(1);
  const columns = new Map<string, Map<string, string>>(header.map((h) => [h, new Map()]));
  for (const r of rows.slice(1)) header.forEach((h, i) => columns.get(h)!.set(r[0], r[i + 1]));
  return columns;
}

/** The strict comparison of these tests: 1e-6 relative, or 1e-9 absolute for values near zero. */
export function relativeError(actual: number, expected: number): number {
  if (Math.abs(actual - expected) <= 1e-9) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
