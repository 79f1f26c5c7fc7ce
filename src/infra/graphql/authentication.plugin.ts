// The one authentication check every GraphQL operation passes through: after the operation is
// parsed and validated, before any resolver runs (introspection included), the caller must
// present a valid API token. Allow-list: an operation that selects nothing but `__typename` on
// its root (a liveness probe that reveals no data) is answered without a token.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { AppError } from './errors.js';
import type { RequestContext } from './request-context.js';

/** `authenticate` throws (UNAUTHENTICATED) unless the request carries a valid token. */
export function authenticationPlugin(authenticate: (ctx: RequestContext) => Promise<unknown>): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation && isTypenameProbe(operation)) return;
          try {
            await authenticate(contextValue);
          } catch (err) {
            // A request-level refusal: HTTP 401, no data (see docs/api.md, "Errors").
            if (err instanceof AppError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
            throw err;
          }
        },
      };
    },
  };
}

export function isTypenameProbe(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value === '__typename');
}
