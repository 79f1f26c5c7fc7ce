import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../infra/graphql/connection.js';

@ObjectType('Project', { description: 'A research project: the tenant that owns patients, images and segmentations.' })
export class ProjectModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType()
export class ProjectConnection extends Connection(ProjectModel) {}

@InputType()
export class CreateProjectInput {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description?: string;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => ID)
  projectId: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  description?: string;
}

@ObjectType()
export class ProjectPayload {
  @Field(() => ProjectModel)
  project: ProjectModel;
}
