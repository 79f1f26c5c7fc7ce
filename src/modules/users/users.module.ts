// Users and API tokens (service only; the GraphQL side is UsersApiModule, which needs auth).
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ApiTokenEntity, UserEntity } from './user.entity.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, ApiTokenEntity]), AuditModule],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
