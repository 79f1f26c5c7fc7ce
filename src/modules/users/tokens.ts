// API tokens: 32 random bytes, shown once as `rt_<base64url>`, stored as their sha256.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'rt_';
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 3650;

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
