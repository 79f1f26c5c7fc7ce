// The study configuration end to end through `radtrace extract` (the CLI, batch mode on worker threads and
// single-case mode): every one of the 1037 features of the four paper_config references within 1e-6 relative
// (1e-9 absolute near zero), the diagnostics identical to PyRadiomics' text, and the shared comparison script
// (../shared/tools/radiomics_compare.py) accepting the CSV the CLI wrote.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_TOOLS, PYRADIOMICS_DATA, REPO_ROOT } from '../../support/paths.js';
import { parseCsv, readPaperReference, relativeError } from '../../support/radiomics-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'radtrace-paper-'));
const radtrace = (...args: string[]): string =>
  execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'radtrace.js'), 'extract', ...args], { encoding: 'utf8', cwd: dir });

function readRows(file: string): Map<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8')).filter((r) => r.length > 1);
  return rows.map((r) => new Map(header.map((h, i) => [h, r[i]])));
}

const RUNS: { variant: string; yaml: string; mode: 'batch' | 'single' }[] = [
  { variant: 'resampled_1mm', yaml: 'study.yaml', mode: 'batch' },
  { variant: 'noresample', yaml: 'study_noresample.yaml', mode: 'single' },
];

for (const run of RUNS) {
  describe(`study settings, ${run.variant} (${run.mode} mode)`, () => {
    const out = join(dir, `${run.variant}.csv`);
    const yaml = join(PYRADIOMICS_DATA, 'paper_config', run.yaml);
    const rows = new Map<string, Map<string, string>>();

    beforeAll(() => {
      if (run.mode === 'batch') {
        // Paths in the case list are relative to the list's own folder.
        const rel = (f: string): string => relative(dir, join(PYRADIOMICS_DATA, f));
        writeFileSync(join(dir, 'cases.csv'), `Image,Mask\n${rel('brain1_image.nrrd')},${rel('brain1_label.nrrd')}\n${rel('brain2_image.nrrd')},${rel('brain2_label.nrrd')}\n`);
        radtrace('cases.csv', '--param', yaml, '-o', out);
        const [b1, b2] = readRows(out);
        rows.set('brain1', b1).set('brain2', b2);
      } else {
        for (const c of ['brain1', 'brain2']) {
          const single = join(dir, `${c}-${run.variant}.csv`);
          radtrace(join(PYRADIOMICS_DATA, `${c}_image.nrrd`), join(PYRADIOMICS_DATA, `${c}_label.nrrd`), '-p', yaml, '-o', single);
          rows.set(c, readRows(single)[0]);
        }
      }
    });

    for (const caseName of ['brain1', 'brain2']) {
      it(`${caseName}: 1037 uniquely named features, all within 1e-6 of PyRadiomics, no NaN`, () => {
        const row = rows.get(caseName)!;
        const ref = readPaperReference(`${caseName}_paper_${run.variant}.csv`);
        const featureColumns = [...row.keys()].filter((k) => k !== 'Image' && k !== 'Mask' && !k.startsWith('diagnostics_'));
        expect(featureColumns.length).toBe(1037);
        expect(new Set(featureColumns).size).toBe(1037);
        expect(new Set(featureColumns)).toEqual(new Set(ref.features.keys()));
        const off: string[] = [];
        for (const name of featureColumns) {
          const value = Number(row.get(name));
          expect(Number.isNaN(value), name).toBe(false);
          const err = relativeError(value, ref.features.get(name)!);
          if (err > 1e-6) off.push(`${name}: ${value} vs ${ref.features.get(name)} (${err})`);
        }
        expect(off).toEqual([]);
      });

      it(`${caseName}: diagnostics as PyRadiomics prints them`, () => {
        const row = rows.get(caseName)!;
        const ref = readPaperReference(`${caseName}_paper_${run.variant}.csv`);
        for (const [name, text] of ref.diagnostics) {
          if (name.startsWith('diagnostics_Versions_')) continue; // ours name RadTrace and Node
          expect(row.get(name), name).toBe(text);
        }
        expect(row.get('diagnostics_Versions_RadTrace')).toMatch(/^\d+\.\d+\.\d+/);
      });

      it(`${caseName}: radiomics_compare.py accepts the CSV`, () => {
        const file = run.mode === 'batch' ? out : join(dir, `${caseName}-${run.variant}.csv`);
        const rowIndex = run.mode === 'batch' && caseName === 'brain2' ? '1' : '0';
        const report = execFileSync('python3', [join(COMPARE_TOOLS, 'radiomics_compare.py'),
          join(PYRADIOMICS_DATA, 'paper_config', `${caseName}_paper_${run.variant}.csv`), file, rowIndex], { encoding: 'utf8' });
        expect(report).toMatch(/^1037 of 1037 features within 1e-6, worst relative error .*, 0 missing$/m);
      });
    }
  });
}
