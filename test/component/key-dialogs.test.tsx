import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, type PopupDeps } from '@/entrypoints/popup/App.tsx';
import type { KeyOperation, KeyOperationOutcome } from '@/lib/key-operation.ts';
import { lastOperation, pendingSecret } from '@/lib/state.ts';
import { clearStorage, deferred, fakeClient, SECRET, snapshot, fakePopupDeps } from './fixtures.ts';

beforeEach(clearStorage);
afterEach(cleanup);

function renderPopup(runOperation: PopupDeps['runOperation']) {
  const client = fakeClient();
  const connection = { url: 'http://127.0.0.1:8787', token: 's3k_test' };
  const deps = fakePopupDeps(client, { runOperation });
  render(
    <App start={{ connection, secret: null, snapshot: snapshot(), params: { tabId: null } }} deps={deps} />,
  );
  return client;
}

const failure = (status: number, code: string, message = 'companion says no'): KeyOperationOutcome => ({
  ok: false,
  failure: { status, code: code as never, message },
});

describe('create key', () => {
  it('modal naming the region → Confirm → progress → the secret panel', async () => {
    const outcome = deferred<KeyOperationOutcome>();
    const run = vi.fn(() => outcome.promise);
    renderPopup(run);
    fireEvent.click(screen.getByRole('button', { name: 'Create key for Demo South' }));
    // The dialog's code loads on demand: it shows once that is in.
    await screen.findByRole('dialog');
    const dialog = screen.getByRole('dialog', { name: 'Create a key for Demo South' });
    expect(dialog.textContent).toContain('demo-south-1');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(run).toHaveBeenCalledWith({
      kind: 'create',
      region: 'demo-south-1',
      regionName: 'Demo South',
      endpoint: 'http://127.0.0.1:7482',
    } satisfies KeyOperation);
    expect(within(dialog).getByRole('status').textContent).toMatch(/Creating…/);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', true);
    await pendingSecret.setValue(SECRET);
    outcome.resolve({ ok: true });
    await screen.findByRole('button', { name: 'Hide secret' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('on 502 backend_unavailable, says nothing was created and Try again runs the same operation again', async () => {
    const run = vi
      .fn()
      .mockResolvedValueOnce(failure(502, 'backend_unavailable'))
      .mockResolvedValueOnce({ ok: true });
    renderPopup(run);
    fireEvent.click(screen.getByRole('button', { name: 'Create key for Demo South' }));
    // The dialog's code loads on demand: it shows once that is in.
    await screen.findByRole('dialog');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create key' }));
    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert.textContent).toMatch(/S3 service of Demo South could not be reached.*No key was created/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(run).toHaveBeenCalledTimes(2);
    expect(run.mock.calls[1]![0]).toEqual(run.mock.calls[0]![0]);
  });

  it('when the companion cannot be reached, says a retry is safe', async () => {
    renderPopup(
      vi.fn(async () => failure(0, 'unreachable', 'Cannot reach the companion at http://127.0.0.1:8787.')),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create key for Demo South' }));
    // The dialog's code loads on demand: it shows once that is in.
    await screen.findByRole('dialog');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create key' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Trying again is safe: it will not create a second key/,
    );
  });

  it('on 409 key_exists, says someone created one meanwhile and offers Refresh list', async () => {
    const client = renderPopup(vi.fn(async () => failure(409, 'key_exists')));
    fireEvent.click(screen.getByRole('button', { name: 'Create key for Demo South' }));
    // The dialog's code loads on demand: it shows once that is in.
    await screen.findByRole('dialog');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Create key' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/created a key for Demo South meanwhile/);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh list' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(client.regions).toHaveBeenCalledTimes(2));
  });
});

describe('reset key', () => {
  it('warns that the existing keys stop working immediately, names the key, and resets it', async () => {
    const run = vi.fn(async (): Promise<KeyOperationOutcome> => ({ ok: true }));
    renderPopup(run);
    fireEvent.click(screen.getByRole('button', { name: 'Reset key for Demo North' }));
    // The dialog's code loads on demand: it shows once that is in.
    await screen.findByRole('dialog');
    const dialog = screen.getByRole('dialog', { name: 'Reset the key for Demo North' });
    expect(dialog.textContent).toMatch(/The existing keys stop working immediately/);
    expect(dialog.textContent).toMatch(/AKNORTH0000000000001.*Replace it wherever it is used/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reset key' }));
    expect(run).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'reset', region: 'demo-north-1', accessKeyId: 'AKNORTH0000000000001' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('on 409 stale_key, says someone else reset it meanwhile and refreshes on request', async () => {
    const client = renderPopup(vi.fn(async () => failure(409, 'stale_key')));
    fireEvent.click(screen.getByRole('button', { name: 'Reset key for Demo North' }));
    // The dialog's code loads on demand: it shows once that is in.
    await screen.findByRole('dialog');
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reset key' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Someone else reset the key for Demo North meanwhile.*Nothing was changed/,
    );
    expect(within(screen.getByRole('dialog')).queryByRole('button', { name: 'Try again' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh list' }));
    await waitFor(() => expect(client.regions).toHaveBeenCalledTimes(2));
  });
});

describe('modal keyboard behaviour', () => {
  it('moves focus in, keeps Tab inside, cancels on Esc and gives focus back to the opener', async () => {
    const run = vi.fn();
    renderPopup(run);
    const opener = screen.getByRole('button', { name: 'Create key for Demo South' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog');
    const [cancel, confirm] = within(dialog).getAllByRole('button');
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    confirm!.focus();
    fireEvent.keyDown(confirm!, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
    expect(run).not.toHaveBeenCalled();
  });
});

describe('an operation that did not report back', () => {
  it('while it may still run, says it is finishing; once failed, offers Try again with the reason', async () => {
    const operation: KeyOperation = {
      kind: 'create',
      region: 'demo-south-1',
      regionName: 'Demo South',
      endpoint: 'http://x',
    };
    await lastOperation.setValue({ operation, idempotencyKey: 'k1', startedAt: Date.now(), failure: null });
    const run = vi.fn(async (): Promise<KeyOperationOutcome> => ({ ok: true }));
    renderPopup(run);
    expect((await screen.findByText('Finishing the create for Demo South…')).textContent).toBeTruthy();
    await lastOperation.setValue({
      operation,
      idempotencyKey: 'k1',
      startedAt: Date.now(),
      failure: { status: 0, code: 'unreachable', message: 'Cannot reach the companion.' },
    });
    await screen.findByText('The create for Demo South did not finish.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Try again' }));
    expect(run).toHaveBeenCalledWith(operation);
  });
});
