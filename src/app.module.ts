// The API application: infrastructure, GraphQL, and one module per domain noun. Add a domain
// module to DOMAIN_MODULES and its resolvers are served and printed into schema.graphql.
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { graphqlModule } from './infra/graphql/graphql.config.js';
import { InfraModule, type InfraOptions } from './infra/infra.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { RESEARCH_MODULES } from './modules/research-modules.js';

export const DOMAIN_MODULES: Type[] = [HealthModule, JobsModule, ...RESEARCH_MODULES];

@Module({})
export class AppModule {
  /** `role.api` false gives a worker: no HTTP or GraphQL, the same domain modules. */
  static forRoot(options: InfraOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(options), ...(options.role.api ? [graphqlModule(options.config)] : []), ...DOMAIN_MODULES],
    };
  }
}
