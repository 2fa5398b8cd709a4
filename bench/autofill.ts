/**
 * Autofill: detection + fill time in Chromium with the built extension, on a typical console page
 * (the MinIO Console fixture) and on a page with 5,000 unrelated inputs, plus the gzip size of the
 * injected script. "in page" is fillPage alone (detect, visibility checks, writes); "fillTab" adds
 * the two `scripting.executeScript` round trips from the worker. Builds the extension first.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'wxt';
import type { Fill } from '../extension/features/autofill/index.ts';
import type { browser as extensionApi } from 'wxt/browser';
import { EXTENSION_DIR } from '../test/helpers/browser.ts';
import { ROOT } from '../test/helpers/companion-process.ts';
import { launchChromiumForFill } from '../test/helpers/autofill-browser.ts';
import { startFixtureServer } from '../test/helpers/fixture-server.ts';
import { summarize, type Summary } from './stats.ts';

// Functions passed to evaluate() run in extension pages, where `chrome` is the extension API.
declare const chrome: typeof extensionApi;

const RUNS = 40;
const PAIR: Fill = {
  accessKeyId: 'AKIABENCH0000000001',
  secretAccessKey: 'bench/secret/0123456789abcdefghijklmn',
  endpoint: 'https://s3.example.com',
  region: 'demo-north-1',
};
const PAGES = {
  'typical console (minio-console.html)': 'minio-console.html',
  '5,000 inputs (many-inputs.html)': 'many-inputs.html',
};

export async function autofill() {
  // The extension as `wxt build` makes it (dist/chrome-mv3), built now so the figures are of this code.
  await build({ root: ROOT, logLevel: 1 } as never);
  const script = await readFile(join(EXTENSION_DIR, 'autofill.js'));
  const server = await startFixtureServer();
  // Inside the try: a browser that fails to start must not leave the server running.
  let closeBrowser = async () => {};
  try {
    const browser = await launchChromiumForFill();
    closeBrowser = () => browser.close();
    const rows: Record<string, Summary> = {};
    for (const [label, path] of Object.entries(PAGES)) {
      const page = await browser.open(`${server.url}/${path}`);
      const { inPage, fillTab } = await browser.inExtension(
        async ({ url, pair, runs }: { url: string; pair: Fill; runs: number }) => {
          const [tab] = await chrome.tabs.query({ url });
          const target = { tabId: tab!.id!, frameIds: [0] };
          const inPage: number[] = [];
          const fillTab: number[] = [];
          for (let i = 0; i < runs; i++) {
            const started = performance.now();
            const result = await chrome.runtime.sendMessage({
              s3keys: 'fillTab',
              data: { tabId: target.tabId, fill: pair },
            });
            fillTab.push(performance.now() - started);
            if (!result.ok) throw new Error(`fill refused: ${result.reason}`);
            const [timed] = await chrome.scripting.executeScript({
              target,
              func: async (p: unknown) => {
                const t = performance.now();
                await (
                  globalThis as unknown as { __s3keysFill: (p: unknown) => Promise<unknown> }
                ).__s3keysFill(p);
                return performance.now() - t;
              },
              args: [pair],
            });
            inPage.push(timed!.result as number);
          }
          return { inPage, fillTab };
        },
        { url: page.url(), pair: PAIR, runs: RUNS },
      );
      rows[`${label}: in page`] = summarize(inPage);
      rows[`${label}: fillTab`] = summarize(fillTab);
      await page.close();
    }
    const size = {
      bytes: script.length,
      gzipBytes: gzipSync(script, { level: 9 }).length,
      goalGzipBytes: 10 * 1024,
    };
    console.log(
      `\nautofill, ${RUNS} fills per page (ms); injected script ${size.bytes} B, ${size.gzipBytes} B gzip (goal ≤ ${size.goalGzipBytes})`,
    );
    console.table(rows);
    return { name: 'autofill', runs: RUNS, unit: 'ms', rows, injectedScript: size };
  } finally {
    await closeBrowser();
    await server.close();
  }
}
