/**
 * Fixture apps that need a build (test/fixtures/apps/*.js, e.g. the Angular one): bundled with
 * esbuild from the real framework packages in node_modules on first request, kept in memory.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './companion-process.ts';

const APPS_DIR = join(ROOT, 'test', 'fixtures', 'apps');
const built = new Map<string, Promise<Uint8Array>>();

/** The bundle of `test/fixtures/apps/<name>.js`, or null when there is no such app. */
export function fixtureBundle(name: string): Promise<Uint8Array> | null {
  if (!/^[a-z0-9-]+$/.test(name)) return null;
  let bundle = built.get(name);
  if (!bundle) {
    bundle = build({
      entryPoints: [join(APPS_DIR, `${name}.js`)],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.contents);
    built.set(name, bundle);
  }
  return bundle;
}
