import { addAccount } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, type Command } from '../command.ts';
import { REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const accountCommand: Command = {
  summary: 'add or list accounts',
  help: `Usage: s3keys-companion account add --name NAME ${REGISTRY_USAGE}
       s3keys-companion account list ${REGISTRY_USAGE}`,
  async run(args) {
    const [action, rest] = subcommand(args, ['add', 'list'] as const);
    if (action === 'list') {
      const { values } = parseOptions(rest, REGISTRY_OPTIONS);
      const accounts = await withRegistry(values, ({ storage }) => storage.listAccounts(), {
        readOnly: true,
      });
      for (const a of accounts) console.log(`${a.id}\t${a.name}`);
      return;
    }
    const { values } = parseOptions(rest, { ...REGISTRY_OPTIONS, name: { type: 'string' } });
    const name = required(values, 'name');
    const account = await withRegistry(values, ({ storage }) =>
      addAccount(storage, name, new Date().toISOString()),
    );
    console.log(`Added account ${account.id} (${account.name})`);
  },
};
