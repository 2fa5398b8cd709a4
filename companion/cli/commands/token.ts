import { findUser } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, UsageError, type Command } from '../command.ts';
import { changeRegistry, REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const tokenCommand: Command = {
  summary: 'issue, revoke or list personal access tokens',
  help: `Usage: s3keys-companion token issue --user ID|EMAIL [--label TEXT] ${REGISTRY_USAGE}
       s3keys-companion token revoke (--token-id ID | --user ID|EMAIL) ${REGISTRY_USAGE}
       s3keys-companion token list [--user ID|EMAIL] ${REGISTRY_USAGE}
A token is printed once, when issued; only its hash is stored. Issue and revoke also work while the
companion runs on the data directory (it applies them, at once).`,
  async run(args) {
    const [action, rest] = subcommand(args, ['issue', 'revoke', 'list'] as const);
    const { values } = parseOptions(rest, {
      ...REGISTRY_OPTIONS,
      user: { type: 'string' },
      label: { type: 'string' },
      'token-id': { type: 'string' },
    });
    if (action === 'list') {
      const tokens = await withRegistry(
        values,
        async ({ storage }) =>
          storage.listTokens(values.user ? (await findUser(storage, values.user)).id : undefined),
        { readOnly: true },
      );
      for (const t of tokens) {
        console.log(
          `${t.id}\t${t.userId}\t${t.label}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}`,
        );
      }
      return;
    }
    if (action === 'issue') {
      const user = required(values, 'user');
      const issued = await changeRegistry(values, 'token.issue', { user, label: values.label ?? 'cli' });
      console.error(`Token ${issued.tokenId} for ${issued.user.email}; it is shown this once:`);
      console.log(issued.token);
      return;
    }
    const tokenId = values['token-id'];
    if (!tokenId === !values.user) throw new UsageError('Give either --token-id or --user.');
    const target = tokenId ? { tokenId } : { user: values.user! };
    const count = await changeRegistry(values, 'token.revoke', target);
    console.log(`Revoked ${count} token${count === 1 ? '' : 's'}`);
  },
};
