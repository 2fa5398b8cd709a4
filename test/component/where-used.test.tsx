import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OldKeySites } from '@/features/where-used/OldKeySites.tsx';
import { RegionSites } from '@/features/where-used/RegionSites.tsx';
import { isWebOrigin, type WhereUsedDeps } from '@/features/where-used/where-used-deps.ts';
import { replacedKeys, usedOrigins } from '@/lib/state.ts';
import { clearStorage } from './fixtures.ts';

beforeEach(async () => {
  await clearStorage();
  await usedOrigins.setValue({
    AKOLD: ['http://127.0.0.1:9001', 'https://console.example'],
    AKNEW: ['https://console.example'],
    AKSOUTH: ['https://south.example'],
  });
});
afterEach(cleanup);

const deps = (): WhereUsedDeps => ({ openOrigin: vi.fn() });

describe('OldKeySites (secret panel after a reset)', () => {
  it('lists every site the old key was filled into, each opening in a new tab', async () => {
    const d = deps();
    render(<OldKeySites replacedAccessKeyId="AKOLD" deps={d} />);
    const list = await screen.findByRole('list', { name: 'Sites where the old key was used' });
    expect(screen.getByRole('heading', { name: 'The old key was filled into 2 sites' })).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: 'Open https://console.example in a new tab' }));
    expect(d.openOrigin).toHaveBeenCalledWith('https://console.example');
  });

  it('shows nothing when the old key was never filled anywhere', async () => {
    const { container } = render(<OldKeySites replacedAccessKeyId="AKUNUSED" deps={deps()} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
  });
});

describe('RegionSites (region card)', () => {
  it('"Used on N sites" discloses the current key\'s sites; the sites only the old key reached stay listed until Done', async () => {
    await replacedKeys.setValue({ 'demo-north-1': ['AKOLD'], 'demo-south-1': ['AKSOUTH'] });
    render(<RegionSites region="demo-north-1" regionName="Demo North" accessKeyId="AKNEW" deps={deps()} />);
    const toggle = await screen.findByRole('button', { name: /^Used on 1 site/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(
      screen.getByRole('list', { name: 'Sites where the key of Demo North is used' }).textContent,
    ).toContain('https://console.example');

    const stale = await screen.findByTestId('stale-sites');
    expect(stale.textContent).toContain('1 site still has the old key');
    expect(within(stale).getByRole('list').textContent).toBe(
      'http://127.0.0.1:9001Open http://127.0.0.1:9001 in a new tab',
    );
    fireEvent.click(within(stale).getByRole('button', { name: /^Done/ }));
    await waitFor(() => expect(screen.queryByTestId('stale-sites')).toBeNull());
    // Only this region's replaced keys and their sites are forgotten.
    await waitFor(async () => expect(await replacedKeys.getValue()).toEqual({ 'demo-south-1': ['AKSOUTH'] }));
    expect(Object.keys(await usedOrigins.getValue()).sort()).toEqual(['AKNEW', 'AKSOUTH']);
  });

  it('when the worker records a fill, the card shows the new site without being told', async () => {
    render(<RegionSites region="demo-north-1" regionName="Demo North" accessKeyId="AKNEW" deps={deps()} />);
    await screen.findByRole('button', { name: /^Used on 1 site/ });
    await usedOrigins.setValue({
      ...(await usedOrigins.getValue()),
      AKNEW: ['https://console.example', 'https://b.example'],
    });
    await screen.findByRole('button', { name: /^Used on 2 sites/ });
  });
});

describe('isWebOrigin', () => {
  it('opens only http(s) origins, never a script or extension URL', () => {
    expect(isWebOrigin('https://console.example')).toBe(true);
    expect(isWebOrigin('http://127.0.0.1:9001')).toBe(true);
    expect(isWebOrigin('javascript:alert(1)')).toBe(false);
    expect(isWebOrigin('chrome-extension://abc')).toBe(false);
    expect(isWebOrigin('https://console.example/path')).toBe(false);
  });
});
