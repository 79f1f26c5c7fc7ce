// Authentication (API tokens) and the access helper every resolver goes through.
import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessService } from './access.service.js';
import { AuthService } from './auth.service.js';

@Module({
  imports: [UsersModule, MembersModule],
  providers: [AuthService, AccessService],
  exports: [AuthService, AccessService, UsersModule, MembersModule],
})
export class AuthModule {}
