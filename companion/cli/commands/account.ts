import { addAccount } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, type Command } from '../command.ts';
import { readRegistry, withRegistry } from '../with-registry.ts';

export const accountCommand: Command = {
  summary: 'add or list accounts',
  help: `Usage: s3keys-companion account add --name NAME [--data DIR]
       s3keys-companion account list [--data DIR]`,
  async run(args) {
    const [action, rest] = subcommand(args, ['add', 'list'] as const);
    if (action === 'list') {
      const { values } = parseOptions(rest, { data: { type: 'string' } });
      for (const a of (await readRegistry(values.data)).accounts) console.log(`${a.id}\t${a.name}`);
      return;
    }
    const { values } = parseOptions(rest, { data: { type: 'string' }, name: { type: 'string' } });
    const name = required(values, 'name');
    const account = await withRegistry(values.data, ({ store }) =>
      store.update((d) => addAccount(d, name, new Date().toISOString())),
    );
    console.log(`Added account ${account.id} (${account.name})`);
  },
};
