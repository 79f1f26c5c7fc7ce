// GraphQL for users and tokens: me, createUser, createApiToken, revokeApiToken.
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { UsersModule } from './users.module.js';
import { UsersResolver } from './users.resolver.js';

@Module({ imports: [UsersModule, AuthModule], providers: [UsersResolver] })
export class UsersApiModule {}
