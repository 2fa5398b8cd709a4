/**
 * fillTab's part of "ask before filling an unfamiliar site" (issue 14 item 6): for a gesture it hands
 * the page the origins this key was filled into, so the page asks when it is not one of them.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fillTab } from '../../../extension/features/autofill/fill-tab.ts';
import type { Fill } from '../../../extension/features/autofill/types.ts';
import { recordOrigin } from '../../../extension/features/autofill/used-origins.ts';
import { clearStorage } from '../fixtures.ts';

const PAIR: Fill = {
  accessKeyId: 'AKIATEST',
  secretAccessKey: 'sec/ret',
  endpoint: 'https://s3.example.com',
  region: 'r1',
};

beforeEach(clearStorage);

describe('fillTab', () => {
  const contexts = () => {
    const calls: unknown[][] = [];
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: {
      args?: unknown[];
    }) => {
      calls.push(injection.args ?? []);
      return [
        {
          frameId: 0,
          result: { ok: true, origin: 'https://console.example.com', adapter: 'generic', filled: [] },
        },
      ];
    }) as never);
    return calls;
  };

  it("when a gesture asks it to, then the page gets the origins this key was filled into, and never the other keys' ones", async () => {
    await recordOrigin(PAIR.accessKeyId, 'https://console.example.com');
    await recordOrigin('AKIAOTHER', 'https://other.example');
    const calls = contexts();
    await fillTab(7, PAIR, { askIfNewSite: true });
    expect(calls.at(-1)).toEqual(['__s3keysFill', PAIR, { knownOrigins: ['https://console.example.com'] }]);
  });

  it('when the popup fills (it names the site), then the page gets no origins and does not ask', async () => {
    const calls = contexts();
    await fillTab(7, PAIR);
    expect(calls.at(-1)).toEqual(['__s3keysFill', PAIR, {}]);
  });
});
