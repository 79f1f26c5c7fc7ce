// Every HTTP request gets an id (taken from X-Request-Id when a proxy set one), echoed in the
// response header and attached to a child logger, and one log line when it completes.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export interface RequestWithId extends IncomingMessage {
  id: string;
  log: Logger;
}

const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestLogging(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const header = req.headers['x-request-id'];
    const given = Array.isArray(header) ? header[0] : header;
    const id = given && ACCEPTED_ID.test(given) ? given : randomUUID();
    const request = req as RequestWithId;
    request.id = id;
    request.log = logger.child({ requestId: id });
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? 'error' : 'info';
      const url = (req as { originalUrl?: string }).originalUrl ?? req.url;
      const quiet = url === '/healthz' || url === '/readyz';
      request.log[quiet && level === 'info' ? 'debug' : level](
        { method: req.method, url, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request completed',
      );
    });
    next();
  };
}
