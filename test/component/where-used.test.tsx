import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OldKeySites } from '@/features/where-used/OldKeySites.tsx';
import { RegionSites } from '@/features/where-used/RegionSites.tsx';
import { isWebOrigin, type WhereUsedDeps } from '@/features/where-used/where-used-deps.ts';

afterEach(cleanup);

const USED: Record<string, string[]> = {
  AKOLD: ['http://127.0.0.1:9001', 'https://console.example'],
  AKNEW: ['https://console.example'],
};

function deps(): WhereUsedDeps {
  return {
    usedOrigins: vi.fn(async (id: string) => USED[id] ?? []),
    openOrigin: vi.fn(),
    forgetReplaced: vi.fn(async () => {}),
  };
}

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
    const d = deps();
    const { container } = render(<OldKeySites replacedAccessKeyId="AKUNUSED" deps={d} />);
    await vi.waitFor(() => expect(d.usedOrigins).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });
});

describe('RegionSites (region card)', () => {
  it('"Used on N sites" discloses the current key\'s sites; the sites only the old key reached stay listed until Done', async () => {
    const d = deps();
    render(
      <RegionSites
        region="demo-north-1"
        regionName="Demo North"
        accessKeyId="AKNEW"
        replacedAccessKeyIds={['AKOLD']}
        deps={d}
      />,
    );
    const toggle = await screen.findByRole('button', { name: /^Used on 1 site/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(
      screen.getByRole('list', { name: 'Sites where the key of Demo North is used' }).textContent,
    ).toContain('https://console.example');

    const stale = screen.getByTestId('stale-sites');
    expect(stale.textContent).toContain('1 site still has the old key');
    expect(within(stale).getByRole('list').textContent).toBe(
      'http://127.0.0.1:9001Open http://127.0.0.1:9001 in a new tab',
    );
    fireEvent.click(within(stale).getByRole('button', { name: /^Done/ }));
    expect(d.forgetReplaced).toHaveBeenCalledWith('demo-north-1', ['AKOLD']);
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
