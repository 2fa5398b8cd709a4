/** Lets only the given roles through; others get 403 `forbidden`, reported to `onRefused` first. */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '#shared/api';
import { AppError } from '../../app-error.ts';
import type { AppEnv } from '../env.ts';

export interface RequireRoleOptions {
  roles: readonly Role[];
  /** What the refused user needs to hear. */
  message: string;
  onRefused?: (c: Context<AppEnv>) => Promise<void>;
}

export function requireRole({ roles, message, onRefused }: RequireRoleOptions) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    if (!roles.includes(c.get('user').role)) {
      await onRefused?.(c);
      throw new AppError('forbidden', message);
    }
    await next();
  });
}
