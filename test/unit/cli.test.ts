import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('radtrace command', () => {
  it('lists its sub-commands with --help', () => {
    const out = execFileSync(process.execPath, ['bin/radtrace.js', '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/^usage: radtrace <command>/);
  });
});
