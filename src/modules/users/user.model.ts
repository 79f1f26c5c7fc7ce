import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => Boolean, { description: 'Platform administrator (may create users; sees no project data by that).' })
  isAdmin: boolean;
}

@ObjectType('ApiToken', { description: 'An API token; its secret is shown once, when created.' })
export class ApiTokenModel {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt: Date | null;
}

@InputType()
export class CreateUserInput {
  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => Boolean, { nullable: true })
  isAdmin?: boolean;

  @Field(() => Int, { nullable: true, description: 'Lifetime of the first token in days (default 90).' })
  expiresInDays?: number;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => UserModel)
  user: UserModel;

  @Field(() => String, { description: 'The new user\'s first API token. Shown only now.' })
  token: string;
}

@InputType()
export class CreateApiTokenInput {
  @Field(() => String)
  name: string;

  @Field(() => Int, { nullable: true, description: 'Lifetime in days (default 90, at most 3650).' })
  expiresInDays?: number;
}

@ObjectType()
export class CreateApiTokenPayload {
  @Field(() => ApiTokenModel)
  apiToken: ApiTokenModel;

  @Field(() => String, { description: 'The token. Shown only now; store it safely.' })
  token: string;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  tokenId: string;
}

@ObjectType()
export class RevokeApiTokenPayload {
  @Field(() => ApiTokenModel)
  apiToken: ApiTokenModel;
}
