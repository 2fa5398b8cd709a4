import { describe, expect, it, vi } from 'vitest';
import { probeCompanion, type NetworkErrorEvents } from '@/features/companion-access/probe-companion.ts';

const TEAM = 'https://keys.team.test:18788';
type Listener = Parameters<NetworkErrorEvents['addListener']>[0];

/** webRequest.onErrorOccurred as the browser fires it: `error` for the probe's URL, after the fetch failed. */
function browserReports(error: string | null) {
  let listener: Listener | undefined;
  const events = {
    addListener: vi.fn((l: Listener, _filter: { urls: string[] }) => void (listener = l)),
    removeListener: vi.fn(),
  };
  const fetch = vi.fn(async (url: string | URL | Request) => {
    // The event comes after the rejection here: the probe must wait for it.
    if (error) setTimeout(() => listener?.({ url: String(url), error }), 20);
    throw new TypeError('Failed to fetch');
  });
  return { events, fetch: fetch as unknown as typeof globalThis.fetch };
}

const answering = (status: number, body: string) =>
  vi.fn(async () => new Response(body, { status })) as unknown as typeof globalThis.fetch;
const noEvents = (): NetworkErrorEvents => ({ addListener: vi.fn(), removeListener: vi.fn() });

describe('probing a companion URL (background)', () => {
  it('an S3 Keys companion answers GET /healthz with {"status":"ok"}: no failure, listener removed', async () => {
    const events = noEvents();
    const fetch = answering(200, '{"status":"ok"}');
    expect(await probeCompanion(TEAM, { fetch, networkErrors: events })).toBeNull();
    expect(fetch).toHaveBeenCalledWith(`${TEAM}/healthz`, expect.objectContaining({ credentials: 'omit' }));
    expect(events.addListener).toHaveBeenCalledWith(expect.any(Function), {
      urls: ['https://keys.team.test/*'],
    });
    expect(events.removeListener).toHaveBeenCalledWith(vi.mocked(events.addListener).mock.calls[0]![0]);
  });

  it.each([
    'net::ERR_CERT_AUTHORITY_INVALID',
    'SEC_ERROR_UNKNOWN_ISSUER',
    'net::ERR_CERT_COMMON_NAME_INVALID',
    'Peer’s Certificate issuer is not recognized.',
  ])('the browser reports %s: the certificate is not trusted', async (error) => {
    const { events, fetch } = browserReports(error);
    expect(await probeCompanion(TEAM, { fetch, networkErrors: events })).toEqual({
      status: 0,
      code: 'certificate_untrusted',
      message: `The companion at ${TEAM} shows a certificate this browser does not trust (${error}). Ask whoever runs it which certificate authority signed it, and install that in the browser.`,
    });
  });

  it('nothing listens on a team URL: says so, and never to run npm start', async () => {
    const { events, fetch } = browserReports('net::ERR_CONNECTION_REFUSED');
    const failure = await probeCompanion(TEAM, { fetch, networkErrors: events });
    expect(failure).toEqual({
      status: 0,
      code: 'unreachable',
      message: `Nothing answers at ${TEAM} (net::ERR_CONNECTION_REFUSED). Check the URL, or ask whoever runs the companion whether it is up.`,
    });
  });

  it('nothing listens on the local demo URL: says to start it with npm start', async () => {
    const { events, fetch } = browserReports('NS_ERROR_CONNECTION_REFUSED');
    const failure = await probeCompanion('http://127.0.0.1:8787', { fetch, networkErrors: events });
    expect(failure?.message).toBe(
      'Nothing answers at http://127.0.0.1:8787 (NS_ERROR_CONNECTION_REFUSED). Is it running? Start it with "npm start".',
    );
  });

  it('when the browser names no cause, says nothing answers without guessing one', async () => {
    const { events, fetch } = browserReports(null);
    const failure = await probeCompanion(TEAM, { fetch, networkErrors: events, errorWaitMs: 50 });
    expect(failure).toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/^Nothing answers at \S+\. /),
    });
  });

  it.each([
    [200, '<html>Welcome to nginx</html>'],
    [404, 'Not Found'],
    [200, '{"status":"up"}'],
  ])('something answers %i %s: not an S3 Keys companion', async (status, body) => {
    const failure = await probeCompanion(TEAM, { fetch: answering(status, body), networkErrors: noEvents() });
    expect(failure).toEqual({
      status,
      code: 'not_a_companion',
      message: `Something answers at ${TEAM}, but it is not an S3 Keys companion (GET /healthz answered ${status} without {"status":"ok"}). Check the URL.`,
    });
  });

  it('a companion that refuses the request (its Host allow-list) gets its own explanation shown', async () => {
    const body = JSON.stringify({ error: { code: 'host_not_allowed', message: 'add it to "allowedHosts"' } });
    const failure = await probeCompanion(TEAM, { fetch: answering(403, body), networkErrors: noEvents() });
    expect(failure).toEqual({ status: 403, code: 'host_not_allowed', message: 'add it to "allowedHosts"' });
  });

  it('no answer within the time limit: a timeout', async () => {
    const hanging = vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal!.addEventListener('abort', () => reject(init.signal!.reason)),
        ),
    ) as unknown as typeof globalThis.fetch;
    const failure = await probeCompanion(TEAM, { fetch: hanging, networkErrors: noEvents(), timeoutMs: 50 });
    expect(failure).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/did not answer within 0.05 s/),
    });
  });
});
