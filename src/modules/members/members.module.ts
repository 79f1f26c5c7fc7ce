// Memberships and roles (service only; the GraphQL side is MembersApiModule).
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { UsersModule } from '../users/users.module.js';
import { MembershipEntity } from './membership.entity.js';
import { MembersService } from './members.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([MembershipEntity]), AuditModule, UsersModule],
  providers: [MembersService],
  exports: [MembersService],
})
export class MembersModule {}
