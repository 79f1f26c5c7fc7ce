// `radtrace extract`: PyRadiomics' command line. One case (IMAGE MASK) or a batch (CASES.csv with columns
// Image, Mask[, Label]), settings from a PyRadiomics parameter file, output as CSV or JSON lines.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';
import { defaultParams, loadParams, RadiomicsError } from '../radiomics/index.js';
import { readCases, runBatch, runTask } from './extract-batch.js';
import { toCsv, toJsonLines, type CaseRow } from './extract-output.js';

const HELP = `usage: radtrace extract IMAGE MASK [--param FILE.yaml] [-o OUT.csv] [-f csv|json] [-l LABEL]
       radtrace extract CASES.csv [--param FILE.yaml] [-o OUT.csv] [-f csv|json] [-l LABEL] [-j JOBS]

Extracts PyRadiomics features (same names and values) from an image and a mask (NRRD .nrrd/.nhdr,
NIfTI .nii/.nii.gz). CASES.csv has a header with columns Image and Mask (optionally Label); paths are
relative to the CSV file. Batch mode runs one worker per core and shows progress on a terminal.

options:
  -p, --param FILE   PyRadiomics parameter file (YAML); default: PyRadiomics' defaults
  -o, --out FILE     output file; default: standard output
  -f, --format FMT   csv (default: header row + one row per case) or json (one object per line)
  -l, --label N      label value of the ROI (overrides the parameter file; a batch Label column wins)
  -j, --jobs N       worker processes in batch mode (default: number of cores)
  -h, --help         this help`;

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      param: { type: 'string', short: 'p' },
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f', default: 'csv' },
      jobs: { type: 'string', short: 'j' },
      label: { type: 'string', short: 'l' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'csv' && format !== 'json') {
    console.error(`radtrace extract: unknown format '${format}' (csv or json)\n\n${HELP}`);
    return 2;
  }
  const batch = positionals.length === 1 && /\.csv$/i.test(positionals[0]);
  if (!batch && positionals.length !== 2) {
    console.error(`radtrace extract: give IMAGE and MASK, or one CASES.csv\n\n${HELP}`);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    console.error(`radtrace extract: --jobs must be a positive integer, got '${values.jobs}'`);
    return 2;
  }

  const label = values.label === undefined ? null : Number(values.label);
  if (label !== null && !Number.isInteger(label)) {
    console.error(`radtrace extract: --label must be an integer, got '${values.label}'`);
    return 2;
  }

  try {
    const paramsPath = values.param ?? null;
    const params = paramsPath ? await loadParams(paramsPath) : defaultParams();
    let rows: CaseRow[];
    let failed = 0;
    if (batch) {
      const cases = (await readCases(positionals[0])).map((c) => ({ ...c, label: c.label ?? label }));
      const outcome = await runBatch(cases, paramsPath, jobs);
      for (const w of outcome.warnings) console.error(`radtrace extract: warning: ${w}`);
      for (const f of outcome.failures) console.error(`radtrace extract: case ${f.case.index + 1} (${f.case.imageText}, ${f.case.maskText}) failed: ${f.error}`);
      rows = outcome.rows;
      failed = outcome.failures.length;
    } else {
      const [image, mask] = positionals;
      const answer = await runTask({ index: 0, image, mask, label }, params);
      if (!answer.ok) throw new RadiomicsError(answer.error);
      for (const w of answer.warnings) console.error(`radtrace extract: warning: ${w}`);
      rows = [{ image, mask, diagnostics: answer.diagnostics, features: answer.features }];
    }
    const text = format === 'csv' ? toCsv(rows) : toJsonLines(rows);
    if (values.out) await writeFile(values.out, text);
    else process.stdout.write(text);
    return failed > 0 ? 1 : 0;
  } catch (err) {
    console.error(`radtrace extract: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

export const command: CliCommand = {
  summary: 'extract PyRadiomics features from image + mask (or a CSV of cases)',
  run,
};
