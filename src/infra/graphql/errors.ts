import { IntrinsicException } from '@nestjs/common';

// Expected failures carry a stable code that clients can switch on (GraphQL `extensions.code`).
// Services throw these; anything else reaching the client is reported as INTERNAL_SERVER_ERROR
// without details, and logged with its stack under the request id.
export type ErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'INTEGRITY_ERROR'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_DEEP'
  | 'INTERNAL_SERVER_ERROR';

/** IntrinsicException: Nest's exception handler does not log these as server errors. */
export class AppError extends IntrinsicException {
  constructor(readonly code: ErrorCode, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
  }
}

/** Also used when the row exists but belongs to a project the caller cannot see. */
export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`, { id });
  }
}

export class BadInputError extends AppError {
  constructor(message: string, field?: string) {
    super('BAD_USER_INPUT', message, field ? { field } : undefined);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'not allowed') {
    super('FORBIDDEN', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
