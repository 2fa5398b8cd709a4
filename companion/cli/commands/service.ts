import { findAccount, setServiceAvailable } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, type Command } from '../command.ts';
import { REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const serviceCommand: Command = {
  summary: "turn an account's S3 service in a region on or off",
  help: `Usage: s3keys-companion service enable|disable --account ID|NAME --region ID ${REGISTRY_USAGE}`,
  async run(args) {
    const [action, rest] = subcommand(args, ['enable', 'disable'] as const);
    const { values } = parseOptions(rest, {
      ...REGISTRY_OPTIONS,
      account: { type: 'string' },
      region: { type: 'string' },
    });
    const account = required(values, 'account');
    const region = required(values, 'region');
    await withRegistry(values, async ({ storage }) =>
      setServiceAvailable(storage, (await findAccount(storage, account)).id, region, action === 'enable'),
    );
    console.log(`S3 service ${action === 'enable' ? 'enabled' : 'disabled'} for ${account} in ${region}`);
  },
};
