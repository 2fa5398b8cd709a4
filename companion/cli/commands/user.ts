import { Role, ROLES } from '#shared/api';
import { addUser, findAccount } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, UsageError, type Command } from '../command.ts';
import { changeRegistry, REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

function parseRole(text: string) {
  const role = Role.safeParse(text);
  if (!role.success) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  return role.data;
}

export const userCommand: Command = {
  summary: 'add users, change their role, list them',
  help: `Usage: s3keys-companion user add --account ID|NAME --name NAME --email EMAIL --role ${ROLES.join('|')} ${REGISTRY_USAGE}
       s3keys-companion user role --user ID|EMAIL --role ${ROLES.join('|')} ${REGISTRY_USAGE}
       s3keys-companion user list [--account ID|NAME] ${REGISTRY_USAGE}`,
  async run(args) {
    const [action, rest] = subcommand(args, ['add', 'role', 'list'] as const);
    const { values } = parseOptions(rest, {
      ...REGISTRY_OPTIONS,
      account: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
    });
    if (action === 'list') {
      const users = await withRegistry(
        values,
        async ({ storage }) =>
          storage.listUsers(values.account ? (await findAccount(storage, values.account)).id : undefined),
        { readOnly: true },
      );
      for (const u of users) console.log(`${u.id}\t${u.email}\t${u.role}\t${u.accountId}`);
      return;
    }
    const role = parseRole(required(values, 'role'));
    if (action === 'role') {
      const target = required(values, 'user');
      const user = await changeRegistry(values, 'user.role', { user: target, role });
      console.log(`${user.email} is now ${user.role}`);
      return;
    }
    const input = {
      account: required(values, 'account'),
      name: required(values, 'name'),
      email: required(values, 'email'),
    };
    const user = await withRegistry(values, async ({ storage }) =>
      addUser(
        storage,
        {
          accountId: (await findAccount(storage, input.account)).id,
          name: input.name,
          email: input.email,
          role,
        },
        new Date().toISOString(),
      ),
    );
    console.log(`Added user ${user.id} (${user.email}, ${user.role})`);
  },
};
