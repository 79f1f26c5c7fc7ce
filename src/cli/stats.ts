// `radtrace stats replicate SPEC.json -o OUT.json`: recomputes, with the TypeScript survival
// engine, every quantity of an R reference file (../shared/data/stats-reference) from its spec.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../cli.js';
import { replicateSpec, toReferenceJson } from '../survival/replicate/index.js';

const USAGE = 'usage: radtrace stats replicate SPEC.json [-o OUT.json]\n\nWrites the reference-shaped result JSON to OUT.json (default: stdout).';

export const command: CliCommand = {
  summary: 'survival statistics: `stats replicate SPEC.json -o OUT.json` recomputes an R reference file',
  async run(args: string[]): Promise<number> {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h') {
      console.log(USAGE);
      return sub ? 0 : 2;
    }
    if (sub !== 'replicate') {
      console.error(`radtrace stats: unknown sub-command '${sub}'\n\n${USAGE}`);
      return 2;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1) {
      console.error(`radtrace stats replicate: expected one SPEC.json, got ${positionals.length}\n\n${USAGE}`);
      return 2;
    }
    const result = await replicateSpec(positionals[0]!);
    const text = toReferenceJson(result) + '\n';
    if (values.output) writeFileSync(values.output, text);
    else process.stdout.write(text);
    return 0;
  },
};
