import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Role } from './roles.js';

export const RoleValues = { OWNER: 'OWNER', ANALYST: 'ANALYST', READER: 'READER', VIEWER: 'VIEWER' } as const;
registerEnumType(RoleValues, {
  name: 'Role',
  description: 'OWNER: members and settings; ANALYST: all research work; READER: segmentation only, blinded to clinical data; VIEWER: read only.',
});

@ObjectType('Member', { description: 'A user\'s role in one project.' })
export class MemberModel {
  @Field(() => ID)
  id: string;

  @Field(() => RoleValues)
  role: Role;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  projectId: string;
  userId: string;
}

@InputType()
export class AddMemberInput {
  @Field(() => ID)
  projectId: string;

  @Field(() => String, { description: 'E-mail of an existing user.' })
  email: string;

  @Field(() => RoleValues)
  role: Role;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => RoleValues)
  role: Role;
}

@ObjectType()
export class MemberPayload {
  @Field(() => MemberModel)
  member: MemberModel;
}
