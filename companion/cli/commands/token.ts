import { findUser, issueToken, revokeTokens } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, UsageError, type Command } from '../command.ts';
import { readRegistry, withRegistry } from '../with-registry.ts';

export const tokenCommand: Command = {
  summary: 'issue, revoke or list personal access tokens',
  help: `Usage: s3keys-companion token issue --user ID|EMAIL [--label TEXT] [--data DIR]
       s3keys-companion token revoke (--token-id ID | --user ID|EMAIL) [--data DIR]
       s3keys-companion token list [--user ID|EMAIL] [--data DIR]
A token is printed once, when issued; only its hash is stored.`,
  async run(args) {
    const [action, rest] = subcommand(args, ['issue', 'revoke', 'list'] as const);
    const { values } = parseOptions(rest, {
      data: { type: 'string' },
      user: { type: 'string' },
      label: { type: 'string' },
      'token-id': { type: 'string' },
    });
    const at = new Date().toISOString();
    if (action === 'list') {
      const data = await readRegistry(values.data);
      const userId = values.user ? findUser(data, values.user).id : undefined;
      for (const t of data.tokens.filter((t) => !userId || t.userId === userId)) {
        console.log(
          `${t.id}\t${t.userId}\t${t.label}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}`,
        );
      }
      return;
    }
    if (action === 'issue') {
      const user = required(values, 'user');
      const issued = await withRegistry(values.data, ({ store }) =>
        store.update((d) => issueToken(d, user, values.label ?? 'cli', at)),
      );
      console.error(`Token ${issued.tokenId} for ${issued.user.email}; it is shown this once:`);
      console.log(issued.token);
      return;
    }
    const tokenId = values['token-id'];
    if (!tokenId === !values.user) throw new UsageError('Give either --token-id or --user.');
    const target = tokenId ? { tokenId } : { user: values.user! };
    const count = await withRegistry(values.data, ({ store }) =>
      store.update((d) => revokeTokens(d, target, at)),
    );
    console.log(`Revoked ${count} token${count === 1 ? '' : 's'}`);
  },
};
