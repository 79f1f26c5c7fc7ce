import { ArgsType, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection, ConnectionArgs } from '../../infra/graphql/connection.js';
import { JSONScalar } from '../../infra/graphql/json.scalar.js';

@ObjectType('AuditEvent', { description: 'One recorded action. Append-only; each event carries the hash of the one before.' })
export class AuditEventModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Position in the global chain.' })
  seq: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => ID, { nullable: true, description: 'User who acted.' })
  actorId: string | null;

  @Field(() => String, { description: 'e.g. patient.create, imaging.download.' })
  action: string;

  @Field(() => [String])
  targetIds: string[];

  @Field(() => JSONScalar)
  details: Record<string, unknown>;

  @Field(() => String)
  prevHash: string;

  @Field(() => String)
  hash: string;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventModel) {}

@ArgsType()
export class AuditEventsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true })
  action?: string;
}
