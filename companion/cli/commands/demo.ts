import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seedDemo, type DemoTokens } from '../../directory/demo.ts';
import { parseOptions, type Command } from '../command.ts';
import { REGISTRY_OPTIONS, REGISTRY_USAGE, withRegistry } from '../with-registry.ts';

export const DEMO_TOKENS_FILE = 'demo-tokens.json';

export const demoCommand: Command = {
  summary: 'create the demo account, users, regions and tokens (idempotent)',
  help: `Usage: s3keys-companion demo ${REGISTRY_USAGE}
Creates account "Demo" with alice (admin), bob (member+) and carol (member), three regions, and writes
their tokens once to <data>/${DEMO_TOKENS_FILE} (mode 0600). Running it again changes nothing that exists.`,
  async run(args) {
    const { values } = parseOptions(args, REGISTRY_OPTIONS);
    await withRegistry(values, async ({ storage, dataDir }) => {
      const issued = await seedDemo(storage, new Date().toISOString());
      const file = join(dataDir, DEMO_TOKENS_FILE);
      if (Object.keys(issued).length > 0) {
        const previous = await readFile(file, 'utf8').then(
          (t) => JSON.parse(t) as DemoTokens,
          () => ({}),
        );
        await writeFile(file, `${JSON.stringify({ ...previous, ...issued }, null, 2)}\n`, { mode: 0o600 });
        console.log(`Demo ready; tokens for ${Object.keys(issued).join(', ')} written to ${file}`);
      } else {
        console.log(`Demo already set up; tokens are in ${file}`);
      }
    });
  },
};
