/**
 * The registry changes the CLI can make while a companion runs on the data directory: the companion is
 * the directory's only writer, so the CLI hands the change to it over the control socket
 * (control-socket.ts) and it applies the change at once — a revoked token or a lowered role counts from
 * the next request. Without a running companion (or on PostgreSQL, which every process may write) the
 * CLI applies the same change itself.
 * @module
 */
import { z } from 'zod';
import { Role } from '#shared/api';
import { issueToken, revokeTokens, setRole } from '../directory/directory.ts';
import type { RegistryStorage } from '../storage/registry-storage.ts';

const change = <A extends z.ZodType, R>(
  args: A,
  run: (storage: RegistryStorage, args: z.infer<A>, at: string) => Promise<R>,
) => ({ args, run });

export const REGISTRY_CHANGES = {
  'token.issue': change(z.object({ user: z.string(), label: z.string() }), (storage, a, at) =>
    issueToken(storage, a.user, a.label, at),
  ),
  'token.revoke': change(
    z.union([z.object({ tokenId: z.string() }).strict(), z.object({ user: z.string() }).strict()]),
    (storage, target, at) => revokeTokens(storage, target, at),
  ),
  'user.role': change(z.object({ user: z.string(), role: Role }), (storage, a) =>
    setRole(storage, a.user, a.role),
  ),
};

export type ChangeName = keyof typeof REGISTRY_CHANGES;
export type ChangeArgs<N extends ChangeName> = z.infer<(typeof REGISTRY_CHANGES)[N]['args']>;
export type ChangeResult<N extends ChangeName> = Awaited<ReturnType<(typeof REGISTRY_CHANGES)[N]['run']>>;

/** Applies the named change to `storage`, its arguments checked first. */
export function applyChange<N extends ChangeName>(
  storage: RegistryStorage,
  name: N,
  args: unknown,
  at = new Date().toISOString(),
): Promise<ChangeResult<N>> {
  const { args: schema, run } = REGISTRY_CHANGES[name] as unknown as {
    args: z.ZodType;
    run: (storage: RegistryStorage, args: unknown, at: string) => Promise<ChangeResult<N>>;
  };
  return run(storage, schema.parse(args), at);
}
