// Rejects over-deep or over-costly operations, and out-of-range page sizes, before any resolver
// runs. Cost: a field that declares `complexity` decides its own (connections: page size times
// the cost of one node); otherwise an object or list field costs 1 (a record the server produces)
// and a scalar or enum field 0.1 (a value read from a record already loaded), plus what lies below.
// So the default limit of 2000 admits project → 200 patients → images → readings → reader → user
// (1442) and refuses 500 of them (3602); the leaf cost still bounds floods of aliased scalars.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, getNamedType, isLeafType, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { checkPageSize } from './connection.js';

export const LEAF_FIELD_COST = 0.1;
export const OBJECT_FIELD_COST = 1;

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
            estimators: [pageSizeEstimator, fieldExtensionsEstimator(), recordEstimator],
          });
          if (complexity > limits.maxComplexity) {
            const shown = Math.ceil(complexity);
            throw new GraphQLError(`query complexity ${shown} exceeds the limit of ${limits.maxComplexity}`, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
          }
        },
      };
    },
  };
}

/**
 * Checks `first` of every connection in the operation before any cost is added up (a negative
 * page size would otherwise lower the cost of its siblings). Estimates nothing itself.
 */
const pageSizeEstimator: ComplexityEstimator = ({ args }) => {
  if (args.first !== undefined && args.first !== null) checkPageSize(args.first as number);
};

const recordEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  (isLeafType(getNamedType(field.type)) ? LEAF_FIELD_COST : OBJECT_FIELD_COST) + childComplexity;

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
