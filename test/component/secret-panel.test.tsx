import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asCredentialsProfile, asCsvFile, asEnvironment } from '@/features/reveal-secret/secret-formats.ts';
import { SecretPanel, type SecretPanelProps } from '@/features/reveal-secret/SecretPanel.tsx';
import { TOAST_MS, Toasts } from '@/ui/Toast.tsx';
import { SECRET } from './fixtures.ts';

afterEach(cleanup);

function renderPanel(over: Partial<SecretPanelProps> = {}) {
  const copy = vi.fn(async (_: string) => {});
  const download = vi.fn();
  const onHide = vi.fn();
  const props = { secret: SECRET, onHide, copy, download, ...over };
  const view = render(
    <Toasts>
      <SecretPanel {...props} />
    </Toasts>,
  );
  const rerender = (next: Partial<SecretPanelProps>) =>
    view.rerender(
      <Toasts>
        <SecretPanel {...props} {...next} />
      </Toasts>,
    );
  return { copy, download, onHide, rerender };
}

const toast = () => screen.getByTestId('toast');
const before = (a: Element, b: Element) =>
  !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('SecretPanel', () => {
  it('shows the access key, masks the secret until its eye is clicked, and warns to save them now', () => {
    renderPanel();
    expect(screen.getByTestId('access-key-id').textContent).toBe(SECRET.accessKeyId);
    expect(screen.getByTestId('secret-access-key').textContent).toMatch(/^•+$/);
    expect(
      screen.getByText(
        /Copy both values and save them now\. Once you click Hide secret, you will not be able to view the secret key again\./,
      ),
    ).toBeTruthy();
    const eye = screen.getByRole('button', { name: 'Show secret access key' });
    expect(eye.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(eye);
    expect(eye.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('secret-access-key').textContent).toBe(SECRET.secretAccessKey);
    fireEvent.click(eye);
    expect(screen.getByTestId('secret-access-key').textContent).toMatch(/^•+$/);
  });

  it('gives only the secret an eye: the access key id is not secret', () => {
    renderPanel();
    expect(screen.queryByRole('button', { name: 'Show access key ID' })).toBeNull();
    expect(within(screen.getByRole('group', { name: 'Access key ID' })).getAllByRole('button')).toHaveLength(
      1,
    );
    expect(screen.getAllByRole('button', { name: /^Show / })).toHaveLength(1);
  });

  it('shows a revealed value whole, in groups of four that a line may break between but never inside', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Show secret access key' }));
    const value = screen.getByTestId('secret-access-key');
    expect(value.textContent).toBe(SECRET.secretAccessKey);
    const groups = [...value.querySelectorAll('.grouped-value__group')].map((g) => g.textContent);
    expect(groups.join('')).toBe(SECRET.secretAccessKey);
    expect(groups.slice(0, -1).every((g) => g?.length === 4)).toBe(true);
    // The only break opportunities are between groups (no spaces that would end up in a copy).
    expect(value.querySelectorAll('wbr')).toHaveLength(groups.length - 1);
  });

  it('copies each value with its copy icon, without showing it, and names it in a toast that goes away', async () => {
    const { copy } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy secret access key' }));
    expect(copy).toHaveBeenLastCalledWith(SECRET.secretAccessKey);
    await waitFor(() => expect(toast().textContent).toBe('Secret access key copied'));
    expect(toast().getAttribute('role')).toBe('status');
    expect(screen.getByTestId('secret-access-key').textContent).toMatch(/^•+$/);
    fireEvent.click(screen.getByRole('button', { name: 'Copy access key ID' }));
    expect(copy).toHaveBeenLastCalledWith(SECRET.accessKeyId);
    await waitFor(() => expect(toast().textContent).toBe('Access key ID copied'));
    await waitFor(() => expect(toast().textContent).toBe(''), { timeout: TOAST_MS.success + 1000 });
  });

  it('says so in the toast when the clipboard refuses', async () => {
    renderPanel({ copy: () => Promise.reject(new Error('denied')) });
    fireEvent.click(screen.getByRole('button', { name: 'Copy secret access key' }));
    await waitFor(() => expect(toast().textContent).toBe('Copy failed: select the text and copy it by hand'));
  });

  it('copies the pair as environment variables and as an AWS CLI profile, and downloads it as a file', async () => {
    const { copy, download } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy as environment variables' }));
    expect(copy).toHaveBeenLastCalledWith(asEnvironment(SECRET));
    await waitFor(() => expect(toast().textContent).toBe('Environment variables copied'));
    fireEvent.click(screen.getByRole('button', { name: /Copy as AWS CLI credentials profile/ }));
    expect(copy).toHaveBeenLastCalledWith(asCredentialsProfile(SECRET));
    await waitFor(() => expect(toast().textContent).toBe('AWS CLI profile [s3keys-demo-south-1] copied'));
    fireEvent.click(screen.getByRole('button', { name: 'Download as a CSV file' }));
    expect(download).toHaveBeenCalledWith(
      `s3keys-demo-south-1-${SECRET.accessKeyId}.csv`,
      asCsvFile(SECRET).text,
    );
  });

  it('reads in the order of the work: values, use the pair, save it, keep it, hide it', () => {
    const use: ComponentChildren = <button type="button">Fill into page</button>;
    renderPanel({ use, children: <p>Remember this pair</p> });
    const order = [
      screen.getByTestId('secret-access-key'),
      screen.getByRole('button', { name: 'Fill into page' }),
      screen.getByRole('group', { name: 'Save the pair as' }),
      screen.getByText('Remember this pair'),
      screen.getByRole('button', { name: 'Hide secret' }),
    ];
    for (let i = 1; i < order.length; i++) expect(before(order[i - 1]!, order[i]!)).toBe(true);
  });

  it('moves the focus to its heading, once the dialog above it has let the focus go', () => {
    const { rerender } = renderPanel({ focusHeading: false });
    const heading = screen.getByRole('heading', { name: 'New key for Demo South' });
    expect(document.activeElement).not.toBe(heading);
    rerender({ focusHeading: true });
    expect(document.activeElement).toBe(heading);
  });

  it('Hide secret asks to erase it', () => {
    const { onHide } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Hide secret' }));
    expect(onHide).toHaveBeenCalledOnce();
  });

  it('after a reset, names the pair it replaced', () => {
    renderPanel({ secret: { ...SECRET, kind: 'reset', replacedAccessKeyId: 'AKOLD' } });
    expect(screen.getByRole('heading').textContent).toBe('New key after reset for Demo South');
    expect(screen.getByText(/replaces/).textContent).toMatch(/replaces AKOLD, which no longer works/);
  });
});

describe('secret formats', () => {
  it('writes a credentials profile and a CSV with a header', () => {
    expect(asCredentialsProfile(SECRET)).toMatch(
      new RegExp(
        `^\\[s3keys-demo-south-1\\]\naws_access_key_id = ${SECRET.accessKeyId}\naws_secret_access_key = ${SECRET.secretAccessKey.replace(/[+/]/g, '\\$&')}\n#`,
      ),
    );
    const csv = asCsvFile(SECRET).text.split('\n');
    expect(csv[0]).toBe('Region,Endpoint,Access key ID,Secret access key,Created');
    expect(csv[1]).toContain(`"${SECRET.secretAccessKey}"`);
  });
});
