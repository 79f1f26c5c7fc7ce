// The GraphQL endpoint (/graphql): code-first schema, per-request context, authentication of
// every operation, stable error codes, depth and complexity limits.
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '../../modules/auth/auth.module.js';
import { AuthService } from '../../modules/auth/auth.service.js';
import type { AppConfig } from '../config/config.js';
import type { RequestWithId } from '../logging/request-logging.js';
import { errorLoggingPlugin, formatGraphQLError, requestErrorStatusPlugin } from './error-format.js';
import { authenticationPlugin } from './authentication.plugin.js';
import { queryLimitsPlugin } from './query-limits.plugin.js';
import { createRequestContext } from './request-context.js';

/** Options shared by the server and the schema printer, so both produce the same schema. */
export const SCHEMA_OPTIONS = { sortSchema: true } as const;

export function graphqlModule(config: AppConfig) {
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    imports: [AuthModule],
    inject: [AuthService],
    useFactory: (auth: AuthService): ApolloDriverConfig => ({
      path: '/graphql',
      autoSchemaFile: true,
      ...SCHEMA_OPTIONS,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      context: ({ req }: { req: RequestWithId }) => createRequestContext(req),
      formatError: formatGraphQLError,
      // Authentication first: an anonymous caller learns nothing, not even a query's cost.
      plugins: [
        authenticationPlugin((ctx) => auth.caller(ctx)),
        queryLimitsPlugin({ maxDepth: config.graphqlMaxDepth, maxComplexity: config.graphqlMaxComplexity }),
        errorLoggingPlugin(),
        requestErrorStatusPlugin(),
      ],
    }),
  });
}
