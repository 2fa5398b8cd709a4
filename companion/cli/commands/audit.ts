import { findAccount } from '../../directory/directory.ts';
import { readAudit } from '../../keys/audit.ts';
import { parseOptions, required, UsageError, type Command } from '../command.ts';
import { readRegistry } from '../with-registry.ts';

export const auditCommand: Command = {
  summary: "read an account's audit log, newest first",
  help: `Usage: s3keys-companion audit --account ID|NAME [--limit N] [--data DIR]`,
  async run(args) {
    const { values } = parseOptions(args, {
      data: { type: 'string' },
      account: { type: 'string' },
      limit: { type: 'string', default: '50' },
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError('--limit must be a positive whole number.');
    const data = await readRegistry(values.data);
    const account = findAccount(data, required(values, 'account'));
    for (const e of readAudit(data, account.id, limit)) {
      console.log(
        [e.at, e.actor ?? '-', e.action, e.region ?? '-', e.accessKeyId ?? '-', e.outcome, e.code ?? ''].join(
          '\t',
        ),
      );
    }
  },
};
