/**
 * Popup open → region list visible, in Debian's Chromium: the time from navigation start to the
 * popup's `s3keys:region-list` mark (set once the list has rendered, by the stored list's preview on a
 * usual open), median of 20 opens with a warm cache (a signed-in user with a key in every available
 * region, whose last list is stored), against a baseline measured in the same browser and run,
 * interleaved: a minimal Preact popup built the same way (WXT, Vite, Preact) that renders one button.
 * Beside it, when the whole popup has rendered over the preview and answers clicks
 * (`s3keys:popup-ready`). And the floor: a page with only the popup's header and region list and their
 * styles (`bench/popup-list-only`), rendered from the stored list without waiting for anything, which
 * shows how much of the gap to the baseline any popup that lists regions with this code pays. Each
 * extension keeps a page open throughout, so no open pays for starting its extension's process. Also
 * the popup's JS + CSS, gzipped. Builds the three extensions itself, under .bench/.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import type { Page } from 'playwright';
import { build } from 'wxt';
import { launchWithExtension } from '../test/helpers/browser.ts';
import { ROOT, runCli, startCompanion } from '../test/helpers/companion-process.ts';
import { summarize } from './stats.ts';

const OPENS = 20;
const WARM_UP = 3;
const GOAL_RATIO = 1.25;
const BUDGET_GZIP = 40 * 1024;
const OUT = join(ROOT, '.bench', 'popup-open');
const APP_MARK = 's3keys:region-list';
/** Set once the whole popup has rendered over the list's preview and answers clicks. */
const APP_READY_MARK = 's3keys:popup-ready';
const BASELINE_MARK = 's3keys:baseline';
const EXTENSION_SRC = join(ROOT, 'extension');

/** A page opened in turn with the others: its mark's times, and when it was ready (its own mark if none). */
interface Target {
  url: string;
  mark: string;
  readyMark?: string;
  /** Whether the page refreshes its list in the background (the next open waits for that). */
  refreshes: boolean;
  times: number[];
  readyTimes: number[];
}

export async function popupOpen() {
  const [app, baseline, listOnly] = await buildAll();
  const dataDir = await mkdtemp(join(tmpdir(), 's3keys-bench-popup-'));
  await runCli(['demo', '--data', dataDir]);
  const tokens = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')) as Record<
    string,
    { token: string }
  >;
  const companion = await startCompanion(dataDir);
  await createKeys(companion.url, tokens.alice!.token);
  // Inside the try: a browser that fails to start must not leave the companion running.
  let closeBrowser = async () => {};
  try {
    const browser = await launchWithExtension({ extensionDir: app, alsoLoad: [baseline, listOnly] });
    closeBrowser = () => browser.close();
    const options = await browser.openOptions();
    await options.getByLabel('Companion URL').fill(companion.url);
    await options.getByLabel('Personal access token').fill(tokens.alice!.token);
    await options.getByRole('button', { name: 'Connect' }).click();
    await options.getByTestId('user-role').waitFor();
    await options.close();

    const markTime = async (page: Page, name: string) => {
      await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, name);
      return page.evaluate((mark) => performance.getEntriesByName(mark, 'mark')[0]!.startTime, name);
    };
    const open = async ({ url, mark, readyMark, refreshes }: Target) => {
      const page = await browser.context.newPage();
      await page.goto(url);
      const at = await markTime(page, mark);
      const ready = readyMark ? await markTime(page, readyMark) : at;
      // Let the background refresh finish, so the next open starts from the freshest cache.
      if (refreshes) await page.getByText(/^Updated/).waitFor();
      await page.close();
      return { at, ready };
    };
    const appUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    const baselineUrl = `chrome-extension://${unpackedExtensionId(baseline)}/popup.html`;
    const listOnlyUrl = `chrome-extension://${unpackedExtensionId(listOnly)}/popup.html`;
    // One page of each extension stays open throughout, so none pays for starting its extension's
    // process on an open (the app's service worker would otherwise keep only its own alive).
    const appPage = await browser.context.newPage();
    await appPage.goto(appUrl);
    await appPage.getByText(/^Updated/).waitFor();
    await (await browser.context.newPage()).goto(baselineUrl);
    // The list-only page shows the list the popup stored: copy its localStorage over (ids and dates).
    const stored = await appPage.evaluate(() => Object.entries(localStorage));
    const listOnlyPage = await browser.context.newPage();
    await listOnlyPage.goto(listOnlyUrl);
    await listOnlyPage.evaluate((entries) => {
      for (const [key, value] of entries) localStorage.setItem(key, value);
    }, stored);
    const target = (url: string, mark: string, options: Partial<Target> = {}): Target => ({
      url,
      mark,
      refreshes: false,
      times: [],
      readyTimes: [],
      ...options,
    });
    const popupOpens = target(appUrl, APP_MARK, { readyMark: APP_READY_MARK, refreshes: true });
    const listOnlyOpens = target(listOnlyUrl, APP_MARK);
    const baselineOpens = target(baselineUrl, BASELINE_MARK);
    const targets = [popupOpens, listOnlyOpens, baselineOpens];
    for (let i = 0; i < WARM_UP + OPENS; i++) {
      // Alternate the order, so none always pays for another's leftovers.
      for (const target of i % 2 === 0 ? targets : [...targets].reverse()) {
        const { at, ready } = await open(target);
        if (i < WARM_UP) continue;
        target.times.push(at);
        target.readyTimes.push(ready);
      }
    }

    const popup = summarize(popupOpens.times);
    const popupReady = summarize(popupOpens.readyTimes);
    const listOnlyRow = summarize(listOnlyOpens.times);
    const base = summarize(baselineOpens.times);
    const ratioToBaseline = (row: { p50: number }) => Math.round((row.p50 / base.p50) * 100) / 100;
    const ratio = ratioToBaseline(popup);
    // Each round opens the three back to back: the median of the rounds' own ratios, which load drifting
    // over the run (this machine is shared) moves less than it moves the ratio of the medians.
    const roundRatio = (times: number[]) =>
      summarize(times.map((time, round) => time / baselineOpens.times[round]!)).p50;
    const figures = {
      'popup.round_ratio_p50': roundRatio(popupOpens.times),
      'listOnly.round_ratio_p50': roundRatio(listOnlyOpens.times),
    };
    const bundle = await gzipSizes(app);
    const baselineBundle = await gzipSizes(baseline);
    console.log(
      `\npopup open → region list visible, ${OPENS} opens each after ${WARM_UP} warm-up, warm cache (ms from navigation start)`,
    );
    console.table({
      'popup (region list)': popup,
      'popup ready (all of it rendered)': popupReady,
      'header + region list only': listOnlyRow,
      'baseline (one-button Preact popup)': base,
    });
    console.log(
      `median ratio ${ratio} (goal ≤ ${GOAL_RATIO}), list only ${ratioToBaseline(listOnlyRow)}; median of the rounds' ratios ${figures['popup.round_ratio_p50']}, list only ${figures['listOnly.round_ratio_p50']}; popup JS ${kb(bundle.js)} + CSS ${kb(bundle.css)} = ${kb(bundle.total)} gzip (budget ${kb(BUDGET_GZIP)}); baseline ${kb(baselineBundle.total)}`,
    );
    return {
      name: 'popup-open',
      opens: OPENS,
      unit: 'ms',
      rows: { popup, popupReady, listOnly: listOnlyRow, baseline: base },
      ratio,
      goalRatio: GOAL_RATIO,
      figures,
      bundleGzipBytes: { ...bundle, budget: BUDGET_GZIP, baselineTotal: baselineBundle.total },
    };
  } finally {
    await closeBrowser();
    await companion.stop();
  }
}

/**
 * A key in every region where the account has S3, as most users' popups show: cards with a pair (its id,
 * copy button and age) cost more to draw than empty ones.
 */
async function createKeys(url: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const { regions } = (await (await fetch(`${url}/api/v1/regions`, { headers })).json()) as {
    regions: { id: string; status: string }[];
  };
  for (const region of regions.filter((r) => r.status === 'NOT_CONFIGURED')) {
    const created = await fetch(`${url}/api/v1/regions/${region.id}/key`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    if (created.status !== 201) throw new Error(`creating a key in ${region.id}: ${created.status}`);
  }
}

/** The production extension (the project's own wxt.config.ts), the baseline and the list-only floor. */
async function buildAll(): Promise<[string, string, string]> {
  await build({ root: ROOT, outDir: join(OUT, 'app'), logLevel: 1 } as never);
  await buildFixture('popup-baseline', 'S3 Keys popup baseline');
  await buildFixture('popup-list-only', 'S3 Keys popup, list only');
  return [
    join(OUT, 'app', 'chrome-mv3'),
    join(OUT, 'popup-baseline', 'chrome-mv3'),
    join(OUT, 'popup-list-only', 'chrome-mv3'),
  ];
}

/** A one-page extension from `bench/<name>`, built like the app (WXT, Vite, Preact; `@` is the app's source). */
async function buildFixture(name: string, title: string): Promise<void> {
  const root = join(import.meta.dirname, name);
  await build({
    root,
    srcDir: EXTENSION_SRC,
    entrypointsDir: join(root, 'entrypoints'),
    configFile: false,
    outDir: join(OUT, name),
    webExt: { disabled: true },
    manifest: { name: title, version: '0.0.0' },
    vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
    logLevel: 1,
  } as never);
}

/** Chromium's id for an unpacked extension: a hash of its absolute path, in the letters a–p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Gzipped bytes of everything popup.html loads on an open: its scripts, stylesheets, the chunks they
 * import, and the popup itself (show-popup), which the first script imports right after its first paint.
 */
async function gzipSizes(dir: string) {
  const html = await readFile(join(dir, 'popup.html'), 'utf8');
  const pending = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const sizes = { js: 0, css: 0 };
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(join(dir, file));
    sizes[file.endsWith('.css') ? 'css' : 'js'] += gzipSync(text, { level: 9 }).length;
    if (file.endsWith('.js')) {
      for (const m of text.toString().matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g))
        pending.push(resolve('/', dirname(file), m[1]!));
      for (const m of text.toString().matchAll(/import\(\s*[`"']([^`"']*show-popup-[^`"']+\.js)[`"']\s*\)/g))
        pending.push(resolve('/', dirname(file), m[1]!));
    }
  }
  return { ...sizes, total: sizes.js + sizes.css };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
