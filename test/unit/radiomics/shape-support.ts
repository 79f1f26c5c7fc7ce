// Helpers shared by the shape and resampling tests: PyRadiomics reference tables and ROI crops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PYRADIOMICS_DATA } from '../../support/paths.js';
import type { Vec3, Volume } from '../../../src/radiomics/types.js';

/** Splits one CSV line, honouring double-quoted fields. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** A PyRadiomics baseline CSV (`baseline/<file>`): row name → column name → cell text. */
export function readBaseline(file: string): Map<string, Map<string, string>> {
  const lines = readFileSync(join(PYRADIOMICS_DATA, 'baseline', file), 'utf8').trim().split(/\r?\n/);
  const header = splitCsvLine(lines[0]);
  const table = new Map<string, Map<string, string>>();
  for (const line of lines.slice(1)) {
    const cells = splitCsvLine(line);
    table.set(cells[0], new Map(header.slice(1).map((column, i) => [column, cells[i + 1]])));
  }
  return table;
}

/** A `paper_config/<file>` reference (`feature,value,provenance`): name → value text. */
export function readPaperConfig(file: string): Map<string, string> {
  const lines = readFileSync(join(PYRADIOMICS_DATA, 'paper_config', file), 'utf8').trim().split(/\r?\n/);
  return new Map(lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return [cells[0], cells[1]];
  }));
}

/** Parses a Python tuple of numbers such as "(5, 6, 7, 19, 27, 22)". */
export function parseTuple(text: string): number[] {
  return text.replace(/[()\s]/g, '').split(',').map(Number);
}

/** The voxels equal to `label` inside their bounding box (no padding), as 0/1, with the crop size. */
export function roiCrop(mask: Volume, label: number): { mask: Uint8Array; size: Vec3; lower: Vec3 } {
  const [nx, ny, nz] = mask.size;
  const lower: Vec3 = [nx, ny, nz];
  const upper: Vec3 = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (mask.data[i] !== label) continue;
        const p = [x, y, z];
        for (let d = 0; d < 3; d++) {
          lower[d] = Math.min(lower[d], p[d]);
          upper[d] = Math.max(upper[d], p[d]);
        }
      }
    }
  }
  const size: Vec3 = [upper[0] - lower[0] + 1, upper[1] - lower[1] + 1, upper[2] - lower[2] + 1];
  const crop = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, o = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++, o++) {
        crop[o] = mask.data[x + lower[0] + nx * (y + lower[1] + ny * (z + lower[2]))] === label ? 1 : 0;
      }
    }
  }
  return { mask: crop, size, lower };
}

/** |1 − actual/expected| (or |actual| when the expected value is 0). */
export function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(1 - actual / expected);
}
