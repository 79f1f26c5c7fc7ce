// Rejects over-deep or over-costly operations before any resolver runs. Cost: 1 per field unless
// a field declares `complexity` (lists multiply by their page size via fieldExtensionsEstimator).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          if (!operation) return;
          // Schema introspection (tools, codegen) is bounded by the schema itself.
          const introspectionOnly = operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
          if (introspectionOnly) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
          const depth = selectionDepth(operation.selectionSet, fragments, new Set());
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { extensions: { code: 'QUERY_TOO_DEEP' } });
          }
          const complexity = getComplexity({
            schema,
            query: document as DocumentNode,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > limits.maxComplexity) {
            throw new GraphQLError(`query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}`, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
          }
        },
      };
    },
  };
}

/** Nesting depth of fields; introspection fields (`__schema`, `__type`) are not counted. */
function selectionDepth(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const below = selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, visiting) : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}
