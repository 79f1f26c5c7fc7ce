// Authentication: every GraphQL request presents `Authorization: Bearer <token>`. The caller
// (user and memberships) is resolved once per request and cached in its loader set.
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../infra/graphql/errors.js';
import type { RequestContext } from '../../infra/graphql/request-context.js';
import { MembershipEntity } from '../members/membership.entity.js';
import { MembersService } from '../members/members.service.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

export interface Caller {
  user: UserEntity;
  tokenId: string;
  /** The caller's memberships by project id. */
  memberships: Map<string, MembershipEntity>;
}

export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

@Injectable()
export class AuthService {
  constructor(@Inject(UsersService) private readonly users: UsersService, @Inject(MembersService) private readonly members: MembersService) {}

  /** The authenticated caller; UNAUTHENTICATED without a valid, unexpired, unrevoked token. */
  async caller(ctx: RequestContext): Promise<Caller> {
    const loader = ctx.loaders.get<string, Caller | Error>('auth.caller', async (keys) => {
      const result = await this.resolve(ctx).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
      return keys.map(() => result);
    });
    const caller = await loader.load('self');
    if (caller instanceof Error) throw caller;
    return caller;
  }

  private async resolve(ctx: RequestContext): Promise<Caller> {
    const header = ctx.req.headers.authorization;
    if (!header) throw new UnauthenticatedError('authentication required: send Authorization: Bearer <API token>');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <API token>"');
    const found = await this.users.authenticate(match[1]!);
    if (!found) throw new UnauthenticatedError('the API token is unknown, revoked or expired');
    const memberships = await this.members.ofUser(found.user.id);
    ctx.actor = { id: found.user.id, kind: 'token' };
    return { user: found.user, tokenId: found.tokenId, memberships: new Map(memberships.map((m) => [m.projectId, m])) };
  }
}
