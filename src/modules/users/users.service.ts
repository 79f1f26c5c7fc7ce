// Owns users and their API tokens. Tokens are random, stored hashed, shown once, revocable and
// expire. Creating users is for platform administrators (and `radtrace admin create-user`).
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsByIds } from '../auth/ids.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../infra/graphql/errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiTokenEntity, UserEntity } from './user.entity.js';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, hashToken, newToken } from './tokens.js';

export interface AuthenticatedUser {
  user: UserEntity;
  tokenId: string;
}

export interface IssuedToken {
  token: string;
  record: ApiTokenEntity;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Creates a user and a first token in `manager`'s transaction; used by the service and the admin CLI. */
export async function insertUserWithToken(
  manager: EntityManager,
  input: { email: string; name: string; isAdmin: boolean; tokenName?: string; expiresInDays?: number },
): Promise<{ user: UserEntity; issued: IssuedToken }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new BadInputError(`'${input.email}' is not an e-mail address`, 'email');
  if (!input.name.trim()) throw new BadInputError('name must not be empty', 'name');
  if (await manager.findOneBy(UserEntity, { email })) throw new ConflictError(`a user with e-mail ${email} exists already`);
  const user = await manager.save(UserEntity, manager.create(UserEntity, { email, name: input.name.trim(), isAdmin: input.isAdmin }));
  const issued = await insertToken(manager, user.id, input.tokenName ?? 'first token', input.expiresInDays);
  return { user: await manager.findOneByOrFail(UserEntity, { id: user.id }), issued };
}

async function insertToken(manager: EntityManager, userId: string, name: string, expiresInDays = DEFAULT_TOKEN_DAYS): Promise<IssuedToken> {
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS) {
    throw new BadInputError(`expiresInDays must be an integer from 1 to ${MAX_TOKEN_DAYS}`, 'expiresInDays');
  }
  const token = newToken();
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const saved = await manager.save(ApiTokenEntity, manager.create(ApiTokenEntity, { userId, name, tokenHash: hashToken(token), expiresAt, revokedAt: null }));
  return { token, record: await manager.findOneByOrFail(ApiTokenEntity, { id: saved.id }) };
}

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(AuditService) private readonly audit: AuditService) {}

  /** The user behind a presented token, or null if it is unknown, revoked or expired (one query). */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const row = await this.db.getRepository(UserEntity).createQueryBuilder('u')
      .innerJoin(ApiTokenEntity, 't', 't.user_id = u.id')
      .addSelect('t.id', 'token_id')
      .where('t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > now()', { hash: hashToken(token) })
      .getRawAndEntities();
    const user = row.entities[0];
    const raw = row.raw[0] as { token_id: string } | undefined;
    return user && raw ? { user, tokenId: raw.token_id } : null;
  }

  async findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return rowsByIds(this.db.getRepository(UserEntity), ids);
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ email: email.trim().toLowerCase() });
  }

  async createUser(actor: UserEntity, input: { email: string; name: string; isAdmin?: boolean; expiresInDays?: number }): Promise<{ user: UserEntity; issued: IssuedToken }> {
    if (!actor.isAdmin) throw new ForbiddenError('only platform administrators create users');
    return this.db.transaction(async (m) => {
      const created = await insertUserWithToken(m, { ...input, isAdmin: input.isAdmin ?? false });
      await this.audit.write(m, { actorId: actor.id, projectId: null, action: 'user.create', targetIds: [created.user.id], details: { email: created.user.email, isAdmin: created.user.isAdmin } });
      return created;
    });
  }

  async createToken(actor: UserEntity, input: { name: string; expiresInDays?: number }): Promise<IssuedToken> {
    if (!input.name.trim()) throw new BadInputError('name must not be empty', 'name');
    return this.db.transaction(async (m) => {
      const issued = await insertToken(m, actor.id, input.name.trim(), input.expiresInDays);
      await this.audit.write(m, { actorId: actor.id, projectId: null, action: 'token.create', targetIds: [issued.record.id], details: { expiresAt: issued.record.expiresAt.toISOString() } });
      return issued;
    });
  }

  /** Revokes one of the caller's own tokens (NOT_FOUND for anybody else's). */
  async revokeToken(actor: UserEntity, tokenId: string): Promise<ApiTokenEntity> {
    return this.db.transaction(async (m) => {
      const token = UUID.test(tokenId) ? await m.findOneBy(ApiTokenEntity, { id: tokenId, userId: actor.id }) : null;
      if (!token) throw new NotFoundError('API token', tokenId);
      if (!token.revokedAt) {
        token.revokedAt = new Date();
        await m.save(ApiTokenEntity, token);
        await this.audit.write(m, { actorId: actor.id, projectId: null, action: 'token.revoke', targetIds: [token.id] });
      }
      return token;
    });
  }

  async tokensOf(userId: string): Promise<ApiTokenEntity[]> {
    return this.db.getRepository(ApiTokenEntity).find({ where: { userId }, order: { createdAt: 'DESC' } });
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
