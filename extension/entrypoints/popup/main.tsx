import { render } from 'preact';
import { browser } from 'wxt/browser';
import { browserCompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { createFillIntoPage } from '@/features/fill-into-page/fill-into-page.ts';
import { targetSite } from '@/features/fill-into-page/target-tab.ts';
import { rememberedPairs } from '@/features/remembered-keys/remembered-pairs-proxy.ts';
import { signInWithVault } from '@/features/remembered-keys/sign-in-with-vault.ts';
import { isWebOrigin } from '@/features/where-used/where-used-deps.ts';
import { createCompanionClient } from '@/lib/companion-client.ts';
import { sendMessage } from '@/lib/messages.ts';
import { parsePopupParams } from '@/lib/popup-params.ts';
import { connection, pendingSecret, regionSnapshot, signOut } from '@/lib/state.ts';
import '@/ui/ui.css';
import { App, type PopupDeps } from './App.tsx';
import './style.css';

const params = parsePopupParams(location.search);
const deps: PopupDeps = {
  signIn: signInWithVault,
  signOut,
  clientFor: (saved) => createCompanionClient(saved),
  runOperation: (operation) => sendMessage('runKeyOperation', operation),
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

// Both reads take a few milliseconds; waiting for them avoids flashing the list before a pending secret.
void Promise.all([connection.getValue(), pendingSecret.getValue()]).then(([saved, secret]) => {
  const start = { connection: saved, secret, snapshot: regionSnapshot.read(), params };
  render(<App start={start} deps={deps} />, document.getElementById('app')!);
});
