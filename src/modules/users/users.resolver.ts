import { Inject } from '@nestjs/common';
import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../../infra/graphql/args.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { AccessService } from '../auth/access.service.js';
import {
  ApiTokenModel, CreateApiTokenInput, CreateApiTokenPayload, CreateUserInput, CreateUserPayload, RevokeApiTokenInput, RevokeApiTokenPayload, UserModel,
} from './user.model.js';
import { UsersService } from './users.service.js';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(@Inject(UsersService) private readonly users: UsersService, @Inject(AccessService) private readonly access: AccessService) {}

  @Query(() => UserModel, { description: 'The caller.' })
  async me(@Context() ctx: RequestContext): Promise<UserModel> {
    return (await this.access.caller(ctx)).user;
  }

  @ResolveField(() => [ApiTokenModel], { description: 'Your own API tokens (empty for other users).' })
  async apiTokens(@Parent() user: UserModel, @Context() ctx: RequestContext): Promise<ApiTokenModel[]> {
    const caller = await this.access.caller(ctx);
    return caller.user.id === user.id ? this.users.tokensOf(user.id) : [];
  }

  @Mutation(() => CreateUserPayload, { description: 'Creates a user with a first API token (platform administrators).' })
  async createUser(@Args('input', { type: () => CreateUserInput }) input: CreateUserInput, @Context() ctx: RequestContext): Promise<CreateUserPayload> {
    const caller = await this.access.caller(ctx);
    const { user, issued } = await this.users.createUser(caller.user, input);
    return { user, token: issued.token };
  }

  @Mutation(() => CreateApiTokenPayload, { description: 'Issues a new API token for yourself.' })
  async createApiToken(@Args('input', { type: () => CreateApiTokenInput }) input: CreateApiTokenInput, @Context() ctx: RequestContext): Promise<CreateApiTokenPayload> {
    const caller = await this.access.caller(ctx);
    const issued = await this.users.createToken(caller.user, input);
    return { apiToken: issued.record, token: issued.token };
  }

  @Mutation(() => RevokeApiTokenPayload, { description: 'Revokes one of your API tokens; it stops working at once.' })
  async revokeApiToken(@Args('input', { type: () => RevokeApiTokenInput }) input: RevokeApiTokenInput, @Context() ctx: RequestContext): Promise<RevokeApiTokenPayload> {
    const caller = await this.access.caller(ctx);
    return { apiToken: await this.users.revokeToken(caller.user, input.tokenId) };
  }
}
