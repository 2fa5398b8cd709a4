import { render } from 'preact';
import { createCompanionClient } from '@/lib/companion-client.ts';
import { connection, signIn, signOut } from '@/lib/state.ts';
import '@/ui/ui.css';
import { Options } from './Options.tsx';
import './style.css';

void connection.getValue().then((saved) => {
  render(
    <Options initial={saved} deps={{ whoAmI: (c) => createCompanionClient(c).me(), signIn, signOut }} />,
    document.getElementById('app')!,
  );
});
