// Shapes errors for clients: AppError → its code and message; GraphQL's own errors (syntax,
// validation, limits) keep theirs; anything unexpected → INTERNAL_SERVER_ERROR, no internals.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from './errors.js';
import type { RequestContext } from './request-context.js';

const VARIABLE_COERCION = /^Variable "\$\w+" (got invalid value|has invalid value|of required type|of non-null type)/;
const HTTP_CODES: Record<number, string> = { 400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  // An AppError thrown by a plugin before execution (e.g. a page size checked with the cost)
  // reaches here wrapped in a GraphQLError without a path.
  const original = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError ? unwrapped.originalError : unwrapped;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  if (original instanceof HttpException && HTTP_CODES[original.getStatus()]) {
    return { ...base, extensions: { code: HTTP_CODES[original.getStatus()] } };
  }
  // Variables that do not fit their declared types (graphql-js coercion, e.g. an unknown enum
  // value) are the client's mistake, whatever code the server framework gave them.
  if (original instanceof GraphQLError && !original.path && VARIABLE_COERCION.test(original.message)) {
    return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, extensions: { code } };
  }
  return { ...base, message: "internal error; the server log has the details under this response's X-Request-Id", extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * HTTP status convention (as Apollo's own for parse and validation errors): an operation refused
 * before execution (no `data` in the body) answers 400, or 401 for UNAUTHENTICATED, when every
 * error is the client's; one that ran answers 200 with `data` (null where a resolver failed) and
 * `errors`. 500 only for INTERNAL_SERVER_ERROR. Needed because Apollo answers 500 to anything
 * thrown by a plugin before execution (e.g. the cost check coercing variables).
 */
const REQUEST_ERROR_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  QUERY_TOO_COMPLEX: 400,
  QUERY_TOO_DEEP: 400,
};

export function requestErrorStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          const statuses = errors.map((e) => REQUEST_ERROR_STATUS[String(e.extensions?.code)]);
          if (statuses.some((status) => status === undefined)) return; // an unexpected error keeps 500
          if (response.http.status === undefined || response.http.status === 500) response.http.status = Math.max(...(statuses as number[]));
        },
      };
    },
  };
}

/** Logs unexpected resolver errors with their stack and the request id. */
export function errorLoggingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof AppError || (original instanceof GraphQLError && original === error && !error.path)) continue;
            if (original instanceof HttpException && original.getStatus() < 500) continue;
            contextValue.log.error({ err: original, path: error.path }, 'GraphQL resolver failed');
          }
        },
      };
    },
  };
}
