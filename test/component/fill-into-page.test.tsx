import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { explainFillResult, type Fill, type FillResult } from '@/features/autofill/index.ts';
import { FillIntoPage } from '@/features/fill-into-page/FillIntoPage.tsx';
import { targetSite, targetTabId } from '@/features/fill-into-page/target-tab.ts';
import { deferred } from './fixtures.ts';

afterEach(cleanup);

const site = async () => 'console.example.com:9001';

const PAIR: Fill = {
  accessKeyId: 'AKNORTH0000000000001',
  secretAccessKey: 'north/secret',
  endpoint: 'http://127.0.0.1:7481',
  region: 'demo-north-1',
};

describe('FillIntoPage', () => {
  it('when clicked, fills the pair, disables itself while it runs, then names the fields filled and where', async () => {
    const answer = deferred<FillResult>();
    const run = vi.fn(() => answer.promise);
    render(<FillIntoPage fill={PAIR} regionName="Demo North" run={run} site={site} />);
    const button = screen.getByRole('button', { name: 'Fill into page for Demo North' });
    fireEvent.click(button);
    expect(run).toHaveBeenCalledWith(PAIR);
    expect(button).toHaveProperty('disabled', true);
    answer.resolve({
      ok: true,
      origin: 'http://127.0.0.1:9001',
      adapter: 'filestash',
      filled: ['accessKey', 'secret', 'endpoint', 'region'],
    });
    expect((await screen.findByText(/^Filled/)).textContent).toBe(
      'Filled access key ID, secret access key, endpoint and region into http://127.0.0.1:9001. Nothing was submitted: check the page, then sign in.',
    );
    expect(button).toHaveProperty('disabled', false);
    expect(button.getAttribute('aria-describedby')).toBe(
      `${screen.getByTestId('fill-target').id} ${screen.getByTestId('fill-result').id}`,
    );
  });

  it('names the site it would fill beside the button, before any click, and in the button description', async () => {
    const run = vi.fn();
    render(<FillIntoPage fill={PAIR} regionName="Demo North" run={run} site={site} />);
    const target = await screen.findByTestId('fill-target');
    expect(target.textContent).toBe('into console.example.com:9001');
    const button = screen.getByRole('button', { name: 'Fill into page for Demo North' });
    expect(button.getAttribute('aria-describedby')).toBe(target.id);
    expect(run).not.toHaveBeenCalled();
  });

  it('names no site when the page is not one the extension can see', async () => {
    render(<FillIntoPage fill={PAIR} regionName="Demo North" run={vi.fn()} site={async () => null} />);
    await screen.findByRole('button', { name: 'Fill into page for Demo North' });
    expect(screen.queryByTestId('fill-target')).toBeNull();
  });

  it('when the page is an ordinary login form, says so in a sentence', async () => {
    render(
      <FillIntoPage
        fill={PAIR}
        regionName="Demo North"
        site={site}
        run={async () => ({ ok: false, reason: 'login-form', origin: 'http://x' })}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Fill into page/ }));
    expect(
      await screen.findByText(
        'This looks like an ordinary login form, not an S3 console: nothing was filled.',
      ),
    ).toBeTruthy();
  });

  it('when the worker does not answer, reports that the tab could not be reached', async () => {
    render(
      <FillIntoPage
        fill={PAIR}
        regionName="Demo North"
        site={site}
        run={() => Promise.reject(new Error('Could not establish connection'))}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Fill into page/ }));
    expect(await screen.findByText(/^S3 Keys cannot reach this tab/)).toBeTruthy();
  });
});

describe('explainFillResult', () => {
  it('gives every refusal as a sentence that ends with what happened', () => {
    for (const reason of [
      'no-access',
      'sandboxed',
      'no-fields',
      'login-form',
      'hidden',
      'transparent',
      'tiny',
      'covered',
      'declined',
    ] as const) {
      expect(explainFillResult({ ok: false, reason })).toMatch(/nothing was filled\.$/);
    }
  });

  it("uses the provider's own sentence for a missing pair (e.g. locked)", () => {
    expect(explainFillResult({ ok: false, reason: 'no-pair' })).toMatch(/^There is no key pair to fill/);
    expect(
      explainFillResult({ ok: false, reason: 'no-pair', detail: 'Your remembered pairs are locked.' }),
    ).toBe('Your remembered pairs are locked.');
  });
});

describe('targetTabId', () => {
  const tabs = (active: number | undefined, current: number | undefined) => ({
    query: vi.fn(async () => (active === undefined ? [] : [{ id: active }])),
    getCurrent: vi.fn(async () => (current === undefined ? undefined : { id: current })),
  });

  it('when the URL names a tab, acts on it', async () => {
    expect(await targetTabId({ tabId: 7 }, tabs(3, undefined) as never)).toBe(7);
  });

  it('otherwise takes the active tab of the current window, but never the popup itself', async () => {
    expect(await targetTabId({ tabId: null }, tabs(3, undefined) as never)).toBe(3);
    expect(await targetTabId({ tabId: null }, tabs(3, 3) as never)).toBeNull();
    expect(await targetTabId({ tabId: null }, tabs(undefined, undefined) as never)).toBeNull();
  });
});

describe('targetSite', () => {
  const tabs = (url: string | undefined) => ({
    query: vi.fn(async () => [{ id: 3 }]),
    getCurrent: vi.fn(async () => undefined),
    get: vi.fn(async () => ({ id: 3, url })),
  });

  it("is the host and port of the target tab's web page, punycode kept", async () => {
    expect(await targetSite({ tabId: null }, tabs('https://console.example.com/login?x=1') as never)).toBe(
      'console.example.com',
    );
    expect(await targetSite({ tabId: 3 }, tabs('http://127.0.0.1:9001/') as never)).toBe('127.0.0.1:9001');
    expect(await targetSite({ tabId: 3 }, tabs('https://xn--mnio-3qa.example/') as never)).toBe(
      'xn--mnio-3qa.example',
    );
  });

  it('is null for a page that is not a web page, or one whose address the browser does not show', async () => {
    expect(await targetSite({ tabId: 3 }, tabs('chrome://settings/') as never)).toBeNull();
    expect(await targetSite({ tabId: 3 }, tabs(undefined) as never)).toBeNull();
  });
});
