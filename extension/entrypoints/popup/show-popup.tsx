import { render } from 'preact';
import { browser } from 'wxt/browser';
import { browserCompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { createFillIntoPage } from '@/features/fill-into-page/fill-into-page.ts';
import { targetSite } from '@/features/fill-into-page/target-tab.ts';
import { rememberedPairs } from '@/features/remembered-keys/remembered-pairs-proxy.ts';
import { signInWithVault } from '@/features/remembered-keys/sign-in-with-vault.ts';
import { isWebOrigin } from '@/features/where-used/where-used-deps.ts';
import { deferredClient } from '@/lib/deferred-client.ts';
import { sendMessage } from '@/lib/messages.ts';
import { parsePopupParams } from '@/lib/popup-params.ts';
import { expectSecret } from '@/lib/pending-secret.ts';
import { markOnce, POPUP_READY_MARK } from '@/lib/perf.ts';
import type { RegionSnapshot } from '@/lib/region-cache.ts';
import { signOut } from '@/lib/state.ts';
import { App, type PopupDeps, type PopupStart } from './App.tsx';
import { POPUP_CALLS } from './KeysScreen.tsx';
import { readPopupStart } from './popup-start.ts';

/**
 * Renders the popup into `container`, over the stored list's preview if main.tsx drew one (`atOnce`, the
 * list it read): at once in the usual open (see popup-start.ts).
 */
export function showPopup(container: HTMLElement, atOnce: RegionSnapshot | null): void {
  const params = parsePopupParams(location.search);
  const deps: PopupDeps = {
    signIn: signInWithVault,
    signOut,
    clientFor: (saved) => deferredClient(saved, POPUP_CALLS),
    runOperation: (operation) => {
      void expectSecret();
      return sendMessage('runKeyOperation', operation);
    },
    // The popup closes by itself once the options tab takes the focus.
    openSettings: () => void browser.runtime.openOptionsPage(),
    access: browserCompanionAccess,
    autofill: {
      fillIntoPage: createFillIntoPage(params),
      targetSite: () => targetSite(params),
      remembered: rememberedPairs,
      openOrigin: (origin) => void (isWebOrigin(origin) && browser.tabs.create({ url: origin })),
    },
  };

  const show = (start: PopupStart) => {
    render(<App start={start} deps={deps} />, container);
    markOnce(POPUP_READY_MARK);
  };
  const start = readPopupStart(params, atOnce);
  if (start instanceof Promise) void start.then(show);
  else show(start);
}
