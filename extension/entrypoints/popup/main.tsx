import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createCompanionClient } from '@/lib/companion-client.ts';
import { sendMessage } from '@/lib/messages.ts';
import { pendingSecret } from '@/lib/pending-secret.ts';
import { parsePopupParams } from '@/lib/popup-params.ts';
import { readSnapshot } from '@/lib/region-cache.ts';
import { connection } from '@/lib/settings.ts';
import '@/ui/ui.css';
import { App, type PopupDeps } from './App.tsx';
import './style.css';

const deps: PopupDeps = {
  connection,
  clientFor: (saved) => createCompanionClient(saved),
  runOperation: (operation) => sendMessage('runKeyOperation', operation),
  // The popup closes by itself once the options tab takes the focus.
  openSettings: () => void browser.runtime.openOptionsPage(),
};

// Both reads take a few milliseconds; waiting for them avoids flashing the list before a pending secret.
void Promise.all([connection.getValue(), pendingSecret.getValue()]).then(([saved, secret]) => {
  const start = { connection: saved, secret, snapshot: readSnapshot(), params: parsePopupParams(location.search) };
  render(<App start={start} deps={deps} />, document.getElementById('app')!);
});
