import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { render as renderInto } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, type PopupStart } from '@/entrypoints/popup/App.tsx';
import { readPopupStart } from '@/entrypoints/popup/popup-start.ts';
import { StoredListPreview } from '@/entrypoints/popup/StoredListPreview.tsx';
import { deferredClient } from '@/lib/deferred-client.ts';
import { expectSecret, hideSecret } from '@/lib/pending-secret.ts';
import type { Connection } from '@/lib/settings.ts';
import { connection, pendingSecret, regionSnapshot, secretExpected } from '@/lib/state.ts';
import {
  clearStorage,
  deferred,
  fakeClient,
  fakePopupDeps,
  me,
  REGIONS,
  SECRET,
  snapshot,
} from './fixtures.ts';

const CONNECTION: Connection = { url: 'https://keys.team.test', token: 's3k_start' };
const PARAMS = { tabId: null };

beforeEach(clearStorage);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('popup start: what the first render waits for', () => {
  it('an ordinary open starts from the stored list at once, the connection still being read', async () => {
    await connection.setValue(CONNECTION);
    await regionSnapshot.setValue(snapshot());
    const start = readPopupStart(PARAMS);
    expect(start).not.toBeInstanceOf(Promise);
    const { connection: saved, secret, snapshot: shown } = start as PopupStart;
    expect(shown?.regions).toEqual(REGIONS);
    expect(secret).toBeNull();
    expect(await saved).toEqual(CONNECTION);
  });

  it('after a create or reset starts, the next open waits for the secret and starts from it', async () => {
    await connection.setValue(CONNECTION);
    await regionSnapshot.setValue(snapshot());
    await expectSecret();
    await pendingSecret.setValue(SECRET);
    const start = readPopupStart(PARAMS);
    expect(start).toBeInstanceOf(Promise);
    expect((await start).secret).toEqual(SECRET);
    expect(secretExpected.read()).toBe(true);
  });

  it('a secret expected but never stored (the operation failed) costs one waiting open, not every one', async () => {
    await regionSnapshot.setValue(snapshot());
    await expectSecret();
    expect((await readPopupStart(PARAMS)).secret).toBeNull();
    expect(secretExpected.read()).toBeNull();
    expect(readPopupStart(PARAMS)).not.toBeInstanceOf(Promise);
  });

  it('Hide secret forgets that a secret is expected', async () => {
    await expectSecret();
    await pendingSecret.setValue(SECRET);
    await hideSecret();
    expect(secretExpected.read()).toBeNull();
    expect(await pendingSecret.getValue()).toBeNull();
  });

  it('without a stored list (first run, after sign-out) it waits for the connection', async () => {
    await connection.setValue(CONNECTION);
    const start = readPopupStart(PARAMS);
    expect(start).toBeInstanceOf(Promise);
    expect((await start).connection).toEqual(CONNECTION);
  });
});

describe('popup start: the list before the connection', () => {
  it('shows the stored list at once and refreshes it once the connection is read', async () => {
    const saved = deferred<Connection | null>();
    const client = fakeClient();
    const clientFor = vi.fn((_saved: Connection | Promise<Connection>) => client);
    render(
      <App
        start={{ connection: saved.promise, secret: null, snapshot: snapshot(), params: PARAMS }}
        deps={fakePopupDeps(client, { clientFor })}
      />,
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(REGIONS.length);
    saved.resolve(CONNECTION);
    expect(await clientFor.mock.calls[0]![0]).toEqual(CONNECTION);
    await vi.waitFor(() => expect(screen.getByTestId('sync-state').textContent).toMatch(/^Updated/));
  });

  it('a stored list without a saved connection (storage cleared) shows the sign-in', async () => {
    render(
      <App
        start={{ connection: Promise.resolve(null), secret: null, snapshot: snapshot(), params: PARAMS }}
        deps={fakePopupDeps()}
      />,
    );
    expect(await screen.findByLabelText('Companion URL')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Regions' })).toBeNull();
  });
});

describe("popup start: the stored list's preview, drawn before the popup's code is in", () => {
  it('shows the stored list as the popup does, lets nothing be clicked, and the popup takes it over', async () => {
    const container = document.body.appendChild(document.createElement('div'));
    renderInto(<StoredListPreview snapshot={snapshot()} />, container);
    const preview = within(container);
    expect(preview.getAllByRole('listitem')).toHaveLength(REGIONS.length);
    expect(preview.getByText(me().user.name, { exact: false })).toBeTruthy();
    expect(container.querySelector('main')!.hasAttribute('inert')).toBe(true);

    await connection.setValue(CONNECTION);
    await regionSnapshot.setValue(snapshot());
    const runOperation = vi.fn();
    const start = readPopupStart(PARAMS) as PopupStart;
    renderInto(<App start={start} deps={fakePopupDeps(fakeClient(), { runOperation })} />, container);
    expect(container.querySelector('[inert]')).toBeNull();
    expect(preview.getAllByRole('listitem')).toHaveLength(REGIONS.length);
    fireEvent.click(preview.getByRole('button', { name: 'Reset key for Demo North' }));
    expect(await preview.findByRole('dialog', { name: 'Reset the key for Demo North' })).toBeTruthy();
    renderInto(null, container);
    container.remove();
  });

  it("a member's preview shows who is signed in, and no list they could not act on", () => {
    const container = document.body.appendChild(document.createElement('div'));
    renderInto(<StoredListPreview snapshot={snapshot({ me: me('member') })} />, container);
    expect(within(container).queryByRole('list', { name: 'Regions' })).toBeNull();
    expect(within(container).getByText(me('member').user.name, { exact: false })).toBeTruthy();
    renderInto(null, container);
    container.remove();
  });
});

describe('deferred client', () => {
  it('sends nothing until the connection is read, then calls the companion with its token', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ version: 'v7' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    const saved = deferred<Connection>();
    const client = deferredClient(saved.promise, ['changes']);
    const answer = client.changes();
    await new Promise((settle) => setTimeout(settle, 20));
    expect(fetch).not.toHaveBeenCalled();
    saved.resolve(CONNECTION);
    expect(await answer).toBe('v7');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://keys.team.test/api/v1/changes');
    expect(new Headers(init.headers).get('authorization')).toBe(`Bearer ${CONNECTION.token}`);
  });
});
