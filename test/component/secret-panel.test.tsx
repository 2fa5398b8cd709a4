import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asCredentialsProfile, asCsvFile, asEnvironment } from '@/features/reveal-secret/secret-formats.ts';
import { SecretPanel } from '@/features/reveal-secret/SecretPanel.tsx';
import { SECRET } from './fixtures.ts';

afterEach(cleanup);

function renderPanel(secret = SECRET) {
  const copy = vi.fn(async (_: string) => {});
  const download = vi.fn();
  const onHide = vi.fn();
  render(<SecretPanel secret={secret} onHide={onHide} copy={copy} download={download} />);
  return { copy, download, onHide };
}

describe('SecretPanel', () => {
  it('shows the access key, masks the secret until its eye is clicked, and warns in a toast', () => {
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

  it('copies each value with its copy icon, without showing it, and says "Copied"', async () => {
    const { copy } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy secret access key' }));
    expect(copy).toHaveBeenLastCalledWith(SECRET.secretAccessKey);
    await screen.findByText('Copied');
    expect(screen.getByTestId('secret-access-key').textContent).toMatch(/^•+$/);
    fireEvent.click(screen.getByRole('button', { name: 'Copy access key ID' }));
    expect(copy).toHaveBeenLastCalledWith(SECRET.accessKeyId);
  });

  it('says so when the clipboard refuses', async () => {
    render(
      <SecretPanel secret={SECRET} onHide={() => {}} copy={() => Promise.reject(new Error('denied'))} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy secret access key' }));
    await screen.findByText(/Copy failed: select the text and copy it by hand/);
  });

  it('copies the pair as environment variables and as an AWS CLI profile, and downloads it as a file', () => {
    const { copy, download } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Copy as environment variables' }));
    expect(copy).toHaveBeenLastCalledWith(asEnvironment(SECRET));
    fireEvent.click(screen.getByRole('button', { name: /Copy as AWS CLI credentials profile/ }));
    expect(copy).toHaveBeenLastCalledWith(asCredentialsProfile(SECRET));
    fireEvent.click(screen.getByRole('button', { name: 'Download as a CSV file' }));
    expect(download).toHaveBeenCalledWith(
      `s3keys-demo-south-1-${SECRET.accessKeyId}.csv`,
      asCsvFile(SECRET).text,
    );
  });

  it('Hide secret asks to erase it', () => {
    const { onHide } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Hide secret' }));
    expect(onHide).toHaveBeenCalledOnce();
  });

  it('after a reset, names the pair it replaced', () => {
    renderPanel({ ...SECRET, kind: 'reset', replacedAccessKeyId: 'AKOLD' });
    expect(screen.getByRole('heading').textContent).toBe('New key after reset for Demo South');
    expect(screen.getByText(/replaces/).textContent).toMatch(/replaces AKOLD, which no longer works/);
  });
});

describe('secret formats', () => {
  it('writes shell exports, a credentials profile and a CSV with a header', () => {
    expect(asEnvironment(SECRET)).toBe(
      `export AWS_ACCESS_KEY_ID=${SECRET.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${SECRET.secretAccessKey}\nexport AWS_DEFAULT_REGION=demo-south-1\nexport AWS_ENDPOINT_URL=http://127.0.0.1:7482\n`,
    );
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
