// An expected start-up failure (bad setting, unreachable service): printed as one line, no stack.
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** The message of any thrown value, with the cause's message appended when it adds something. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const message = err.message || err.name;
  if (err instanceof AggregateError && err.errors.length > 0) {
    return `${message || 'several errors'}: ${describeError(err.errors[0])}`;
  }
  return message;
}
