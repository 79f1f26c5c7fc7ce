// `radtrace extract` as a user meets it: help, argument errors (exit 2), bad input (exit 1, message naming the
// problem), JSON output, and a batch where one case fails while the others are still written.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYRADIOMICS_DATA, REPO_ROOT } from '../../support/paths.js';
import { parseCsv } from '../../support/radiomics-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'radtrace-cli-'));
const brain2 = [join(PYRADIOMICS_DATA, 'brain2_image.nrrd'), join(PYRADIOMICS_DATA, 'brain2_label.nrrd')];

function radtrace(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'radtrace.js'), 'extract', ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('radtrace extract', () => {
  it('prints its usage with --help', () => {
    const r = radtrace('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: radtrace extract IMAGE MASK \[--param FILE.yaml\]/);
  });

  it('exits 2 on bad arguments', () => {
    expect(radtrace(brain2[0]).status).toBe(2);
    const r = radtrace(...brain2, '-f', 'xml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown format 'xml'/);
  });

  it('writes PyRadiomics defaults as one JSON object to stdout', () => {
    const r = radtrace(...brain2, '-f', 'json');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(row.Image).toBe(brain2[0]);
    expect(row['diagnostics_Mask-original_VoxelNum']).toBe('453');
    expect(Object.keys(row).filter((k) => k.startsWith('original_'))).toHaveLength(107);
    expect(row.original_shape_VoxelVolume).toBeTypeOf('number');
  });

  it('takes the label from --label', () => {
    const r = radtrace(...brain2, '-l', '2');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/label 2 is not present in the mask/);
  });

  it('names an unknown setting in the parameter file', () => {
    const yaml = join(dir, 'bad.yaml');
    writeFileSync(yaml, 'setting:\n  binWith: 25\n');
    const r = radtrace(...brain2, '-p', yaml);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad.yaml: setting: unknown setting 'binWith'/);
  });

  it('names a corrupt image file', () => {
    const cut = join(dir, 'cut.nrrd');
    writeFileSync(cut, readFileSync(brain2[0]).subarray(0, 5000));
    const r = radtrace(cut, brain2[1]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cut.nrrd: gzip voxel data is corrupt or truncated/);
  });

  it('batch: paths relative to the case list, a failing case reported, the others written', () => {
    copyFileSync(brain2[0], join(dir, 'img.nrrd'));
    copyFileSync(brain2[1], join(dir, 'msk.nrrd'));
    writeFileSync(join(dir, 'cases.csv'), 'Image,Mask,Label\nimg.nrrd,msk.nrrd,1\nimg.nrrd,msk.nrrd,7\nimg.nrrd,msk.nrrd,\n');
    const r = radtrace('cases.csv', '-o', 'out.csv', '-j', '2');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/case 2 \(img.nrrd, msk.nrrd\) failed: label 7 is not present in the mask/);
    const [header, ...rows] = parseCsv(readFileSync(join(dir, 'out.csv'), 'utf8')).filter((row) => row.length > 1);
    expect(header.slice(0, 3)).toEqual(['Image', 'Mask', 'diagnostics_Versions_RadTrace']);
    expect(rows).toHaveLength(2);
    const energy = header.indexOf('original_firstorder_Energy');
    expect(rows[0][energy]).toBe(rows[1][energy]);
  });

  it('batch: a case list without Image/Mask columns', () => {
    writeFileSync(join(dir, 'nocols.csv'), 'image_path,mask_path\na,b\n');
    const r = radtrace('nocols.csv');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/nocols.csv: the header must have columns Image and Mask/);
  });
});
