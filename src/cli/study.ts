// `radtrace study run FEATURES.csv --time COL --event COL [...]`: the study recipe on a feature
// table (src/survival/study), a paper-like report on stdout, and with -o DIR the full provenance
// record (result.json) and the tables as CSV.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';
import { numericColumn, readCsvFile, survivalTable } from '../survival/data.js';
import { SurvivalInputError } from '../survival/errors.js';
import { studyFigures } from './study-figures.js';
import { formatStudyReport, runStudyParallel, studyCsvFiles, studyResultToJson, type StudyConfigInput, type StudyInput } from '../survival/study/index.js';

const USAGE = `usage: radtrace study run FEATURES.csv --time COL --event COL [options]

Runs the study recipe (ICC filter, z-score, univariate Cox, six selectors, intersection,
stepwise AIC, radscore, time-ROC, repeated cross-validation, calibration, decision curves,
maxstat risk groups) and prints a paper-like report.

options:
  --time COL            survival time column (required)
  --event COL           event column, 0 = censored, 1 = event (required)
  --id COL              patient id column (default: 'id' if present, else row numbers)
  --reader2 FILE.csv    second reading of the same features (matched by id): ICC(2,1) > 0.8 filter
  --icc-subset IDS|N    patients for the ICC: comma-separated ids, or a number drawn at random
  --seed N              master seed (default 1)
  --repeats N           cross-validation repeats (default 20; 0 = none)
  --folds N             cross-validation folds (default 3)
  --workers N           worker processes for the cross-validation folds (default: available cores; 0 = this thread)
  -o, --output DIR      write result.json (full provenance), the tables as CSV and the figures as SVG`;

function integer(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new SurvivalInputError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

function iccSubset(value: string | undefined): string[] | number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export const command: CliCommand = {
  summary: 'study recipe: `study run FEATURES.csv --time COL --event COL [-o DIR]` builds and validates the radiomics model',
  async run(args: string[]): Promise<number> {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h') {
      console.log(USAGE);
      return sub ? 0 : 2;
    }
    if (sub !== 'run') {
      console.error(`radtrace study: unknown sub-command '${sub}'\n\n${USAGE}`);
      return 2;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        time: { type: 'string' },
        event: { type: 'string' },
        id: { type: 'string' },
        reader2: { type: 'string' },
        'icc-subset': { type: 'string' },
        seed: { type: 'string' },
        repeats: { type: 'string' },
        folds: { type: 'string' },
        workers: { type: 'string' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1 || !values.time || !values.event) {
      console.error(`radtrace study run: expected one FEATURES.csv, --time and --event\n\n${USAGE}`);
      return 2;
    }
    const file = positionals[0]!;
    const table = readCsvFile(file);
    const id = values.id ?? (table.header.includes('id') ? 'id' : undefined);
    const main = survivalTable(table, { time: values.time, event: values.event, id }, file);
    const input: StudyInput = { ids: main.ids, outcome: main.outcome, features: main.features, iccSubset: iccSubset(values['icc-subset']) };
    if (values.reader2) {
      if (!id) throw new SurvivalInputError('--reader2 needs patient ids: give --id COL (no id column in the feature table)');
      const r2 = readCsvFile(values.reader2);
      const names = main.features.names.filter((n) => r2.header.includes(n));
      const missing = main.features.names.filter((n) => !r2.header.includes(n));
      if (missing.length > 0) throw new SurvivalInputError(`${values.reader2}: lacks feature column(s) ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
      if (!r2.header.includes(id)) throw new SurvivalInputError(`${values.reader2}: unknown column '${id}' (the id column)`);
      const idIndex = r2.header.indexOf(id);
      const features = { names, columns: names.map((n) => numericColumn(r2, n, values.reader2)) };
      input.reader2 = { ids: r2.rows.map((row) => row[idIndex]!), features };
    }
    const repeats = integer(values.repeats, 'repeats', 0);
    const folds = integer(values.folds, 'folds', 2);
    const config: StudyConfigInput = {
      seed: integer(values.seed, 'seed', 0) ?? 1,
      cv: { ...(repeats !== undefined ? { repeats } : {}), ...(folds !== undefined ? { folds } : {}) },
    };
    const workers = integer(values.workers, 'workers', 0) ?? availableParallelism();
    const tty = process.stderr.isTTY === true;
    const result = await runStudyParallel(input, config, {
      workers,
      onProgress: tty ? (done, total) => process.stderr.write(`\rradtrace study: ${done}/${total} passes   ${done === total ? '\n' : ''}`) : undefined,
    });
    console.log(formatStudyReport(result));
    if (values.output) {
      mkdirSync(values.output, { recursive: true });
      writeFileSync(join(values.output, 'result.json'), studyResultToJson(result) + '\n');
      for (const [name, text] of Object.entries(studyCsvFiles(result))) writeFileSync(join(values.output, name), text);
      const { figures, notes } = studyFigures(result);
      for (const { file, svg } of figures) writeFileSync(join(values.output, file), svg);
      for (const note of notes) console.error(`radtrace study: ${note}`);
      console.log(`\nwrote result.json, the CSV tables and ${figures.length} SVG figures to ${values.output}`);
    }
    return 0;
  },
};

