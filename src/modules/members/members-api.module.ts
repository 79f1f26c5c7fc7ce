// GraphQL for memberships: Project.members, addMember, changeMemberRole.
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MembersModule } from './members.module.js';
import { MembersResolver, ProjectMembersResolver } from './members.resolver.js';

@Module({ imports: [MembersModule, AuthModule], providers: [MembersResolver, ProjectMembersResolver] })
export class MembersApiModule {}
