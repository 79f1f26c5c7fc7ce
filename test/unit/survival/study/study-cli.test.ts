// `radtrace study run`: the report and output files from the CLI, and its input errors.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { command } from '../../../../src/cli/study.js';
import { SIM_CSV, SIM_READER2_CSV } from './fixture.js';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    const code = await command.run(args);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

describe('radtrace study run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radtrace-study-'));

  it('prints the report and writes result.json and the CSV tables', async () => {
    const out = join(dir, 'out');
    const { code, out: text } = await run(['run', SIM_CSV, '--time', 'time', '--event', 'status', '--reader2', SIM_READER2_CSV, '--icc-subset', '30', '--repeats', '0', '--workers', '0', '--seed', '4', '-o', out]);
    expect(code).toBe(0);
    expect(text).toMatch(/ICC\(2,1\) > 0.8 \(30 patients, random\)/);
    expect(text).toContain('Final model (Cox, Efron ties, z-scored features)');
    const files = readdirSync(out);
    for (const f of ['result.json', 'final_model.csv', 'auc.csv', 'risk_groups.csv', 'km_risk_groups.csv', 'selectors.csv', 'icc.csv']) expect(files).toContain(f);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { config: { seed: number }; icc: { ids: string[] } };
    expect(result.config.seed).toBe(4);
    expect(result.icc.ids).toHaveLength(30);
  });

  it('names unknown columns, bad events and bad options', async () => {
    await expect(run(['run', SIM_CSV, '--time', 'months', '--event', 'status'])).rejects.toThrow(/unknown column 'months'/);
    const bad = join(dir, 'bad.csv');
    const text = readFileSync(SIM_CSV, 'utf8').split('\n');
    const cells = text[3]!.split(',');
    cells[2] = '3';
    text[3] = cells.join(',');
    writeFileSync(bad, text.join('\n'));
    await expect(run(['run', bad, '--time', 'time', '--event', 'status'])).rejects.toThrow(/event of subject 3 is 3; it must be 0 \(censored\) or 1 \(event\)/);
    await expect(run(['run', SIM_CSV, '--time', 'time', '--event', 'status', '--repeats', 'x'])).rejects.toThrow(/--repeats must be an integer/);
    expect((await run(['run', SIM_CSV])).code).toBe(2);
  });
});
