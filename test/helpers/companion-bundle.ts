/**
 * The companion's CLI bundled into one file with esbuild, for tests that restart the real companion
 * many times: it starts in about a third of the time tsx needs to compile the sources on each start.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './companion-process.ts';

/** Bundles companion/cli/main.ts (dependencies included) into a temporary file and returns its path. */
export async function bundleCompanion(): Promise<string> {
  const outfile = join(await mkdtemp(join(tmpdir(), 's3keys-bundle-')), 'companion.mjs');
  await build({
    entryPoints: [join(ROOT, 'companion/cli/main.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // Some dependencies are CommonJS and call require(): give the ES module one.
    banner: {
      js: "import { createRequire as __s3keysRequire } from 'node:module'; const require = __s3keysRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return outfile;
}
