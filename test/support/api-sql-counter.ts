// Counts the SQL statements the API sends to PostgreSQL, by wrapping pg's Client.prototype.query
// (TypeORM's pool uses pg.Client). The job queue's own polling (schema pgboss) is not counted.
import pg from 'pg';

export interface SqlCounter {
  /** Statements since the last reset. */
  readonly count: number;
  readonly statements: readonly string[];
  reset(): void;
}

let installed: { count: number; statements: string[] } | undefined;

export function installSqlCounter(): SqlCounter {
  if (!installed) {
    const state = { count: 0, statements: [] as string[] };
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function counted(this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '';
      if (!text.includes('pgboss')) {
        state.count++;
        if (state.statements.length < 10_000) state.statements.push(text);
      }
      return original.apply(this, args);
    };
    installed = state;
  }
  const state = installed;
  return {
    get count() { return state.count; },
    get statements() { return state.statements; },
    reset() {
      state.count = 0;
      state.statements.length = 0;
    },
  };
}
