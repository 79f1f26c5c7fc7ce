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

/** Resolves with the exit code once a signal has shut `running` down. */
export function closeOnSignal(running: Stoppable, logger: Logger, graceMs = 30_000): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        logger.error(`shutdown took longer than ${graceMs / 1000} s; exiting`);
        process.exit(1);
      }, graceMs);
      timer.unref();
      running.close().then(
        () => {
          clearTimeout(timer);
          logger.info('stopped');
          resolve(0);
        },
        (err: unknown) => {
          clearTimeout(timer);
          logger.error({ err }, 'error during shutdown');
          resolve(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
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
