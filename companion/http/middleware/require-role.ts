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
  const refuse = async (c: Context<AppEnv>) => {
    await onRefused?.(c);
    throw new AppError('forbidden', message);
  };
  return createMiddleware<AppEnv>(function requireRole(c, next) {
    return roles.includes(c.get('user').role) ? next() : refuse(c);
  });
}
