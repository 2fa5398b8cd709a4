import { findAccount } from '../../directory/directory.ts';
import { parseOptions, required, UsageError, type Command } from '../command.ts';
import { REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const auditCommand: Command = {
  summary: "read an account's audit log, newest first",
  help: `Usage: s3keys-companion audit --account ID|NAME [--limit N] ${REGISTRY_USAGE}`,
  async run(args) {
    const { values } = parseOptions(args, {
      ...REGISTRY_OPTIONS,
      account: { type: 'string' },
      limit: { type: 'string', default: '50' },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError('--limit must be a positive whole number.');
    const events = await withRegistry(
      values,
      async ({ storage }) =>
        storage.auditPage((await findAccount(storage, required(values, 'account'))).id, { limit }),
      { readOnly: true },
    );
    for (const e of events) {
      console.log(
        [e.at, e.actor ?? '-', e.action, e.region ?? '-', e.accessKeyId ?? '-', e.outcome, e.code ?? ''].join(
          '\t',
        ),
      );
    }
  },
};
