import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_FILE } from '../../registry.ts';
import { acquireDataLock } from '../../storage/lock-file.ts';
import { copyRegistryToPostgres, TargetNotEmptyError } from '../../storage/postgres/copy-registry.ts';
import { redact } from '../../storage/postgres/postgres-storage.ts';
import { openRegistryFiles } from '../../storage/registry-files.ts';
import { resolveDatabaseUrl } from '../../config.ts';
import { StartupError } from '../../startup-error.ts';
import { parseOptions, required, type Command } from '../command.ts';

export const migrateCommand: Command = {
  summary: "copy a data directory's registry into an empty PostgreSQL database",
  help: `Usage: s3keys-companion migrate --from DIR --to postgres://USER@HOST:PORT/DB
Copies accounts, users, tokens, regions, S3 services, keys (retired ones too) and the audit of the
data directory DIR into the database, in one transaction, and says what it copied. Secrets stay sealed
as they are: start every companion on the database with the master key of DIR (its master.key, as
S3KEYS_MASTER_KEY). A database that already holds registry data is refused. Stop the companion on DIR first.`,
  async run(args) {
    const { values } = parseOptions(args, { from: { type: 'string' }, to: { type: 'string' } });
    const from = resolve(required(values, 'from'));
    const to = resolveDatabaseUrl(required(values, 'to'))!;
    if (!existsSync(join(from, DATA_FILE)))
      throw new StartupError(
        `There is no registry in ${from} (no ${DATA_FILE}); give the companion's data directory.`,
      );
    const lock = acquireDataLock(from);
    try {
      const files = await openRegistryFiles(from, { readOnly: true });
      const counts = await copyRegistryToPostgres({ ...files.state.toData(), audit: files.audit.all() }, to);
      console.log(
        `Copied into ${redact(to)}: ${counts.accounts} accounts, ${counts.users} users, ${counts.tokens} tokens, ` +
          `${counts.regions} regions, ${counts.services} services, ${counts.keys} keys (${counts.retiredKeys} retired), ` +
          `${counts.auditEvents} audit events`,
      );
    } catch (error) {
      if (!(error instanceof TargetNotEmptyError)) throw error;
      console.error(error.message);
      return 1;
    } finally {
      lock.release();
    }
  },
};
