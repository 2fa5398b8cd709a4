import { putRegion } from '../../directory/directory.ts';
import { parseOptions, required, subcommand, type Command } from '../command.ts';
import { REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const regionCommand: Command = {
  summary: 'add, update or list regions',
  help: `Usage: s3keys-companion region add --id ID --name NAME --endpoint URL [--bucket NAME] ${REGISTRY_USAGE}
       s3keys-companion region list ${REGISTRY_USAGE}
A region added here is registry-only (backend "none"); regions with an S3 backend come from the config file.`,
  async run(args) {
    const [action, rest] = subcommand(args, ['add', 'list'] as const);
    const { values } = parseOptions(rest, {
      ...REGISTRY_OPTIONS,
      id: { type: 'string' },
      name: { type: 'string' },
      endpoint: { type: 'string' },
      bucket: { type: 'string' },
    });
    if (action === 'list') {
      const regions = await withRegistry(values, ({ storage }) => storage.listRegions(), { readOnly: true });
      for (const r of regions) console.log(`${r.id}\t${r.name}\t${r.endpoint}\t${r.backend.type}`);
      return;
    }
    const region = {
      id: required(values, 'id'),
      name: required(values, 'name'),
      endpoint: required(values, 'endpoint'),
      ...(values.bucket && { bucket: values.bucket }),
      backend: { type: 'none' as const },
    };
    await withRegistry(values, ({ storage }) => putRegion(storage, region));
    console.log(`Region ${region.id} (${region.name}) saved`);
  },
};
