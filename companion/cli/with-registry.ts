/** Runs a CLI command against the registry (a data directory, or the database it names). */
import { resolveDataDir, resolveDatabaseUrl } from '../config.ts';
import { sendToRunningCompanion } from '../control/control-socket.ts';
import {
  applyChange,
  type ChangeArgs,
  type ChangeName,
  type ChangeResult,
} from '../control/registry-changes.ts';
import { openRegistry, type Registry } from '../registry.ts';

/** The options every registry command takes. */
export const REGISTRY_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
} as const;

export const REGISTRY_USAGE = '[--data DIR] [--database-url postgres://…]';

export interface RegistryFlags {
  data?: string;
  'database-url'?: string;
}

/**
 * Opens the registry for `work` and closes it after. A change holds the data directory's lock only for
 * its duration; a listing (`readOnly`) reads the data file without it, since the file is only ever
 * replaced whole.
 */
export async function withRegistry<T>(
  flags: RegistryFlags,
  work: (registry: Registry) => Promise<T>,
  { readOnly = false }: { readOnly?: boolean } = {},
): Promise<T> {
  const registry = await openRegistry({
    dataDir: resolveDataDir(flags.data),
    databaseUrl: resolveDatabaseUrl(flags['database-url']),
    readOnly,
  });
  try {
    return await work(registry);
  } finally {
    await registry.close();
  }
}

/**
 * Makes one of the registry changes a running companion accepts: through the companion running on the
 * data directory when there is one (it is the directory's only writer, and the change counts at once),
 * else directly — always directly on PostgreSQL, which every companion reads on each request.
 */
export async function changeRegistry<N extends ChangeName>(
  flags: RegistryFlags,
  name: N,
  args: ChangeArgs<N>,
): Promise<ChangeResult<N>> {
  if (!resolveDatabaseUrl(flags['database-url'])) {
    const sent = await sendToRunningCompanion(resolveDataDir(flags.data), name, args);
    if (sent) return sent.result as ChangeResult<N>;
  }
  return withRegistry(flags, ({ storage }) => applyChange(storage, name, args));
}
