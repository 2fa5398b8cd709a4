/**
 * `npm start`: seeds the demo on first run, starts the demo regions on a local Ceph cluster (or
 * registry-only without Ceph), builds the extension, starts the companion on 127.0.0.1:8787 and tells
 * you what to do next. Ctrl-C stops everything it started.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { demoCommand, DEMO_TOKENS_FILE } from '../companion/cli/commands/demo.ts';
import { resolveConfig } from '../companion/config.ts';
import { createLogger } from '../companion/logger.ts';
import { type RunningCompanion, startCompanion } from '../companion/server.ts';
import { onStopSignal } from '../companion/cli/on-stop-signal.ts';
import { StartupError } from '../companion/startup-error.ts';
import { startLocalRegions, type LocalRegions } from './local-regions.ts';

let localRegions: LocalRegions | undefined;
let companion: RunningCompanion | undefined;

async function main() {
  // From the start, not once all is up: a Ctrl-C while Ceph starts or the extension builds stops what runs.
  onStopSignal(async (signal) => {
    console.log(`\n${signal}: stopping the companion and the Ceph regions…`);
    await companion?.close();
    localRegions?.stop();
    process.exit(0);
  });
  // Inside main, so that a bad S3KEYS_PORT or S3KEYS_DATA gets its message, not a stack trace.
  const config = resolveConfig({});
  await demoCommand.run(['--data', config.dataDir]);
  localRegions = startLocalRegions(config.dataDir);
  config.regions = localRegions.regions;
  // A turn of the event loop, so that a signal sent while Ceph started is handled before the build.
  await new Promise((next) => setImmediate(next));

  console.log('Building the extension…');
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (build.signal) throw new StartupError(`Stopped (${build.signal}) while the extension was building.`);
  if (build.status !== 0) {
    throw new StartupError(
      `The extension build failed; fix it and run npm start again.\n${build.stdout}${build.stderr}`,
    );
  }

  companion = await startCompanion(config, createLogger());
  const tokens = JSON.parse(await readFile(join(config.dataDir, DEMO_TOKENS_FILE), 'utf8')) as Record<
    string,
    { role: string; token: string }
  >;
  console.log(`
S3 Keys companion: ${companion.url}   (data: ${config.dataDir})

Demo tokens (also in ${join(config.dataDir, DEMO_TOKENS_FILE)}):
${Object.entries(tokens)
  .map(([name, t]) => `  ${name.padEnd(6)} ${t.role.padEnd(8)} ${t.token}`)
  .join('\n')}

${describeRegions(localRegions)}
${firstKeyHint(companion.url, localRegions, tokens.alice!.token)}

Load the extension: chrome://extensions → Developer mode → Load unpacked → ${resolve('dist/chrome-mv3')}
  (Firefox: npm run build:firefox, then about:debugging → This Firefox → Load Temporary Add-on →
  ${resolve('dist/firefox-mv3/manifest.json')})
Then open S3 Keys from the toolbar, keep the companion URL, and paste a token.
Press Ctrl-C to stop.
`);
}

function describeRegions({ regions, registryOnlyBecause }: LocalRegions): string {
  const list = regions.map((r) => `  ${r.id.padEnd(13)} ${r.endpoint}`).join('\n');
  if (registryOnlyBecause) {
    return `REGISTRY-ONLY MODE: keys are recorded but not provisioned on any S3 service, because\n  ${registryOnlyBecause.replace(/\n/g, '\n  ')}\nRegions:\n${list}`;
  }
  return `Regions on a local Ceph RADOS Gateway (the demo account has S3 in the first two):\n${list}`;
}

/** The whole way to a working key from a shell: create it as alice with curl, then use it with the AWS CLI. */
function firstKeyHint(
  companionUrl: string,
  { regions, registryOnlyBecause }: LocalRegions,
  token: string,
): string {
  const region = regions[0]!;
  const create = `curl -s -X POST ${companionUrl}/api/v1/regions/${region.id}/key \\
    -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '{}'`;
  if (registryOnlyBecause) return `Try a new key (recorded only, usable nowhere in this mode):\n  ${create}`;
  return `Try a new key, as alice: create it (a second create answers 409 key_exists; reset it instead, see README)
  ${create}
then use the accessKeyId and secretAccessKey it prints (the only time the secret is shown):
  AWS_ACCESS_KEY_ID=<accessKeyId> AWS_SECRET_ACCESS_KEY=<secretAccessKey> \\
    aws --endpoint-url ${region.endpoint} --region ${region.id} s3 ls`;
}

main().catch((error: Error) => {
  console.error(error instanceof StartupError ? error.message : error);
  localRegions?.stop();
  process.exit(1);
});
