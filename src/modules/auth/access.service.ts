// The one access helper. Given the rows a caller asked for (each knows its project), it returns
// them only if the caller's role in every one of their projects grants the permission. A row of
// a project the caller is not a member of is reported exactly like a row that does not exist.
import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '../../infra/graphql/errors.js';
import { byKeys, type RequestContext } from '../../infra/graphql/request-context.js';
import type { MembershipEntity } from '../members/membership.entity.js';
import { allows, type Permission, type Role } from '../members/roles.js';
import { AuthService, type Caller } from './auth.service.js';

export interface ProjectScoped {
  id: string;
  projectId: string;
}

@Injectable()
export class AccessService {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  caller(ctx: RequestContext): Promise<Caller> {
    return this.auth.caller(ctx);
  }

  /**
   * `ids` were asked for; `rows` are those found. Returns the rows in the order of `ids`.
   * NOT_FOUND for an id with no row or a row of another project; FORBIDDEN when the caller is a
   * member but its role lacks `permission`.
   */
  async allowed<T extends ProjectScoped>(ctx: RequestContext, what: string, ids: readonly string[], rows: readonly T[], permission: Permission): Promise<T[]> {
    const caller = await this.auth.caller(ctx);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      const member = row && caller.memberships.get(row.projectId);
      if (!row || !member) throw new NotFoundError(what, id);
      if (!allows(member.role, permission)) throw new ForbiddenError(`your role ${member.role} may not do this (${permission}) on ${what} ${id}`);
      return row;
    });
  }

  /**
   * Rows by id through the request's DataLoader for `what` (one query per request and kind),
   * then through allowed(): the usual way a resolver fetches what it was asked for.
   */
  async load<T extends ProjectScoped>(
    ctx: RequestContext, what: string, ids: readonly string[], find: (ids: readonly string[]) => Promise<T[]>, permission: Permission,
  ): Promise<T[]> {
    const loader = ctx.loaders.get<string, T | null>(`${what}.byId`, async (keys) => byKeys(keys, await find(keys), (row) => row.id));
    const rows = (await loader.loadMany(ids)).filter((row): row is T => row !== null && !(row instanceof Error));
    return this.allowed(ctx, what, ids, rows, permission);
  }

  async loadOne<T extends ProjectScoped>(ctx: RequestContext, what: string, id: string, find: (ids: readonly string[]) => Promise<T[]>, permission: Permission): Promise<T> {
    return (await this.load(ctx, what, [id], find, permission))[0]!;
  }

  /** The caller's membership in the project, if its role grants `permission`. */
  async inProject(ctx: RequestContext, projectId: string, permission: Permission): Promise<MembershipEntity> {
    const caller = await this.auth.caller(ctx);
    const member = caller.memberships.get(projectId);
    if (!member) throw new NotFoundError('project', projectId);
    if (!allows(member.role, permission)) throw new ForbiddenError(`your role ${member.role} may not do this (${permission}) in project ${projectId}`);
    return member;
  }

  /** The caller's role in a project (null if not a member); for field-level decisions. */
  async roleIn(ctx: RequestContext, projectId: string): Promise<Role | null> {
    return (await this.auth.caller(ctx)).memberships.get(projectId)?.role ?? null;
  }

  async can(ctx: RequestContext, projectId: string, permission: Permission): Promise<boolean> {
    const role = await this.roleIn(ctx, projectId);
    return role !== null && allows(role, permission);
  }
}
