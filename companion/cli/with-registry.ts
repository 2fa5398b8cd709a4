/** Runs a CLI command against the registry (a data directory, or the database it names). */
import { resolveDataDir, resolveDatabaseUrl } from '../config.ts';
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
