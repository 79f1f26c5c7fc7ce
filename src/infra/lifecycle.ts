// Process lifecycle shared by `radtrace serve`, `worker` and `migrate`: expected start-up failures
// print one line (no stack) and exit 1; SIGINT/SIGTERM close everything in order, a second
// signal exits at once.
import type { Logger } from 'pino';
import { ConfigError } from './config/config.js';
import { StartupError, describeError } from './startup-error.js';

export interface Stoppable {
  close(): Promise<void>;
}

/** The one line printed for a start-up failure. */
export function startupFailureMessage(err: unknown): string {
  if (err instanceof ConfigError) return err.problems.map((problem) => `radtrace: ${problem}`).join('\n');
  return `radtrace: ${describeError(err)}`;
}

export function isExpectedStartupError(err: unknown): boolean {
  return err instanceof ConfigError || err instanceof StartupError;
}

export interface RunningService extends Stoppable {
  logger: Logger;
}

/**
 * Starts a service and runs it until SIGINT or SIGTERM, then closes it; resolves to the exit
 * code. Signal handlers are installed before start-up, so a Ctrl-C while the embedded database
 * is still starting stops everything once start-up is over; a second signal exits at once (the
 * embedded PostgreSQL is stopped by its exit hook).
 */
export async function runService(start: () => Promise<RunningService>, graceMs = 30_000): Promise<number> {
  let signalled: NodeJS.Signals | undefined;
  let wake: (() => void) | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      console.error(`radtrace: second ${signal}: exiting without waiting`);
      process.exit(130);
    }
    signalled = signal;
    wake?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let running: RunningService;
  try {
    running = await start();
  } catch (err) {
    if (!isExpectedStartupError(err) && process.env.LOG_LEVEL === 'debug') console.error(err);
    console.error(startupFailureMessage(err));
    return exitSoon(1);
  }
  if (!signalled) await new Promise<void>((resolve) => { wake = resolve; });

  const { logger } = running;
  logger.info({ signal: signalled }, 'shutting down');
  const timer = setTimeout(() => {
    logger.error(`shutdown took longer than ${graceMs / 1000} s; exiting`);
    process.exit(1);
  }, graceMs);
  timer.unref();
  try {
    await running.close();
    logger.info('stopped');
    return exitSoon(0);
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
    return exitSoon(1);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the process with `code` once the event loop is idle, or after `graceMs` if a forgotten
 * handle (a socket, a timer) would keep a stopped or failed process alive.
 */
export function exitSoon(code: number, graceMs = 1000): number {
  process.exitCode = code;
  setTimeout(() => process.exit(code), graceMs).unref();
  return code;
}
