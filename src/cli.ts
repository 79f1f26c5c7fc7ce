// The `radtrace` command: a table of sub-commands, each in its own module under src/cli/,
// loaded only when called, so that `radtrace extract` never starts NestJS or a database.
export interface CliCommand {
  /** One line for `radtrace --help`. */
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

// Add a command here: name → lazy import of a module exporting `command: CliCommand`.
const commands: Record<string, () => Promise<CliCommand>> = {
  extract: () => import('./cli/extract.js').then((m) => m.command),
  serve: () => import('./cli/serve.js').then((m) => m.command),
  worker: () => import('./cli/worker.js').then((m) => m.command),
  migrate: () => import('./cli/migrate.js').then((m) => m.command),
  stats: () => import('./cli/stats.js').then((m) => m.command),
  admin: () => import('./cli/admin.js').then((m) => m.command),
  audit: () => import('./cli/audit.js').then((m) => m.command),
  import: () => import('./cli/import.js').then((m) => m.command),
  study: () => import('./cli/study.js').then((m) => m.command),
};

async function usage(): Promise<string> {
  const rows = await Promise.all(
    Object.keys(commands).sort().map(async (name) => `  ${name.padEnd(10)} ${(await commands[name]!()).summary}`),
  );
  return ['usage: radtrace <command> [options]', '', 'commands:', ...rows, '', 'radtrace <command> --help shows its options.'].join('\n');
}

async function main([name, ...rest]: string[]): Promise<number> {
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`radtrace: unknown command '${name}'\n\n${await usage()}`);
    return 2;
  }
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`radtrace: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
