// Reading a survival table (CSV) into the shared types, with input validation that names the
// problem: unknown columns, missing or negative times, events other than 0/1, missing, constant
// or non-numeric feature values, and too few events for a model.
import { readFileSync } from 'node:fs';
import { NotEnoughEventsError, SurvivalInputError } from './errors.js';
import type { FeatureMatrix, SurvivalOutcome } from './types.js';

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Parses comma-separated text with a header row; fields may be double-quoted. */
export function parseCsv(text: string, source = 'CSV'): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new SurvivalInputError(`${source} is empty`);
  const header = splitCsvLine(lines[0]!);
  const rows = lines.slice(1).map((line, k) => {
    const fields = splitCsvLine(line);
    if (fields.length !== header.length) {
      throw new SurvivalInputError(`${source} line ${k + 2} has ${fields.length} fields; the header has ${header.length}`);
    }
    return fields;
  });
  return { header, rows };
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

export function readCsvFile(path: string): CsvTable {
  return parseCsv(readFileSync(path, 'utf8'), path);
}

function columnIndex(table: CsvTable, name: string, source: string): number {
  const j = table.header.indexOf(name);
  if (j < 0) throw new SurvivalInputError(`${source}: unknown column '${name}' (columns: ${table.header.join(', ')})`);
  return j;
}

/** A numeric column; empty, NA or non-numeric cells are errors naming the row. */
export function numericColumn(table: CsvTable, name: string, source = 'table'): Float64Array {
  const j = columnIndex(table, name, source);
  return Float64Array.from(table.rows, (row, i) => {
    const cell = row[j]!;
    const v = cell === '' || cell === 'NA' ? NaN : Number(cell);
    if (!Number.isFinite(v)) {
      throw new SurvivalInputError(`${source}: column '${name}' row ${i + 1} is ${cell === '' || cell === 'NA' ? 'missing' : `not a finite number ('${cell}')`}`);
    }
    return v;
  });
}

/** Checks times (finite, ≥ 0) and events (0/1) and returns the outcome. */
export function validateOutcome(time: ArrayLike<number>, status: ArrayLike<number>, source = 'outcome'): SurvivalOutcome {
  if (time.length !== status.length) throw new SurvivalInputError(`${source}: ${time.length} times but ${status.length} event indicators`);
  if (time.length === 0) throw new SurvivalInputError(`${source}: no subjects`);
  const t = new Float64Array(time.length);
  const s = new Uint8Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const ti = time[i]!;
    if (!Number.isFinite(ti)) throw new SurvivalInputError(`${source}: time of subject ${i + 1} is missing or not finite`);
    if (ti < 0) throw new SurvivalInputError(`${source}: time of subject ${i + 1} is negative (${ti})`);
    const si = status[i]!;
    if (si !== 0 && si !== 1) throw new SurvivalInputError(`${source}: event of subject ${i + 1} is ${si}; it must be 0 (censored) or 1 (event)`);
    t[i] = ti;
    s[i] = si;
  }
  return { time: t, status: s };
}

/** Checks that every feature column is finite and not constant. */
export function validateFeatures(features: FeatureMatrix, source = 'features'): FeatureMatrix {
  features.columns.forEach((col, j) => {
    const name = features.names[j];
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i]!)) throw new SurvivalInputError(`${source}: feature '${name}' is missing or not finite for subject ${i + 1}`);
    }
    if (col.every((v) => v === col[0])) throw new SurvivalInputError(`${source}: feature '${name}' is constant (${col[0]})`);
  });
  return features;
}

/** Throws unless the outcome has at least `needed` events. */
export function requireEvents(outcome: SurvivalOutcome, needed: number, what: string): void {
  let events = 0;
  for (const s of outcome.status) events += s;
  if (events < needed) throw new NotEnoughEventsError(`${what} needs at least ${needed} events; the data have ${events}`);
}

export interface SurvivalTable {
  ids: string[];
  outcome: SurvivalOutcome;
  features: FeatureMatrix;
}

export interface SurvivalColumns {
  time: string;
  event: string;
  id?: string;
  /** Feature columns; default: every column other than id, time and event. */
  features?: string[];
}

/** Reads outcome and features from a parsed table, validating both. */
export function survivalTable(table: CsvTable, columns: SurvivalColumns, source = 'table'): SurvivalTable {
  const time = numericColumn(table, columns.time, source);
  const status = numericColumn(table, columns.event, source);
  const outcome = validateOutcome(time, status, source);
  const idIndex = columns.id === undefined ? -1 : columnIndex(table, columns.id, source);
  const ids = table.rows.map((row, i) => (idIndex >= 0 ? row[idIndex]! : String(i + 1)));
  const names = columns.features ?? table.header.filter((h) => h !== columns.time && h !== columns.event && h !== columns.id);
  const features = validateFeatures({ names: [...names], columns: names.map((nm) => numericColumn(table, nm, source)) }, source);
  return { ids, outcome, features };
}

/** The named columns of a feature matrix, in the order given (unknown names are errors). */
export function selectColumns(features: FeatureMatrix, names: string[]): FeatureMatrix {
  return {
    names: [...names],
    columns: names.map((name) => {
      const j = features.names.indexOf(name);
      if (j < 0) throw new SurvivalInputError(`unknown feature '${name}'`);
      return features.columns[j]!;
    }),
  };
}

/** The given rows (in that order) of every column. */
export function subsetRows(x: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const m = rows.length;
  return {
    names: [...x.names],
    columns: x.columns.map((col) => {
      const sub = new Float64Array(m);
      for (let a = 0; a < m; a++) sub[a] = col[rows[a]!]!;
      return sub;
    }),
  };
}

/** The given rows (in that order) of an outcome. */
export function subsetOutcome(y: SurvivalOutcome, rows: ArrayLike<number>): SurvivalOutcome {
  return { time: Float64Array.from(rows, (i) => y.time[i]!), status: Uint8Array.from(rows, (i) => y.status[i]!) };
}
