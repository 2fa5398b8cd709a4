import { Role, ROLES } from '#shared/api';
import { addUser, findAccount, setRole } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, UsageError, type Command } from '../command.ts';
import { readRegistry, withRegistry } from '../with-registry.ts';

function parseRole(text: string) {
  const role = Role.safeParse(text);
  if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  return role.data;
}

export const userCommand: Command = {
  summary: 'add users, change their role, list them',
  help: `Usage: s3keys-companion user add --account ID|NAME --name NAME --email EMAIL --role ${ROLES.join('|')} [--data DIR]
       s3keys-companion user role --user ID|EMAIL --role ${ROLES.join('|')} [--data DIR]
       s3keys-companion user list [--account ID|NAME] [--data DIR]`,
  async run(args) {
    const [action, rest] = subcommand(args, ['add', 'role', 'list'] as const);
    const { values } = parseOptions(rest, {
      data: { type: 'string' },
      account: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
    });
    if (action === 'list') {
      const data = await readRegistry(values.data);
      const accountId = values.account ? findAccount(data, values.account).id : undefined;
      for (const u of data.users.filter((u) => !accountId || u.accountId === accountId))
        console.log(`${u.id}\t${u.email}\t${u.role}\t${u.accountId}`);
      return;
    }
    const role = parseRole(required(values, 'role'));
    if (action === 'role') {
      const target = required(values, 'user');
      const user = await withRegistry(values.data, ({ store }) =>
        store.update((d) => setRole(d, target, role)),
      );
      console.log(`${user.email} is now ${user.role}`);
      return;
    }
    const input = {
      account: required(values, 'account'),
      name: required(values, 'name'),
      email: required(values, 'email'),
    };
    const user = await withRegistry(values.data, ({ store }) =>
      store.update((d) =>
        addUser(
          d,
          { accountId: findAccount(d, input.account).id, name: input.name, email: input.email, role },
          new Date().toISOString(),
        ),
      ),
    );
    console.log(`Added user ${user.id} (${user.email}, ${user.role})`);
  },
};
