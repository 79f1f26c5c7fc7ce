// Prints the GraphQL schema the API serves, from the code alone (no database, no server):
// the resolvers of every domain module in DOMAIN_MODULES, sorted like the server sorts them.
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { Type } from '@nestjs/common';
import { DOMAIN_MODULES } from '../../app.module.js';

const HEADER = '# Generated from the code by `npm run schema`; do not edit (a test fails when it is stale).\n\n';

/** Resolver classes among the providers of `modules` (Nest marks them with `graphql:resolver_type`). */
export function resolversOf(modules: Type[]): Type[] {
  return modules.flatMap((module) => ((Reflect.getMetadata('providers', module) as Type[] | undefined) ?? []))
    .filter((provider) => typeof provider === 'function' && Reflect.hasMetadata('graphql:resolver_type', provider));
}

export async function schemaSdl(): Promise<string> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false, abortOnError: false });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(resolversOf(DOMAIN_MODULES));
    return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await context.close();
  }
}
