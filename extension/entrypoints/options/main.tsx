import { render } from 'preact';
import { createCompanionClient } from '@/lib/companion-client.ts';
import { signOut } from '@/lib/sign-out.ts';
import { connection } from '@/lib/settings.ts';
import '@/ui/ui.css';
import { Options } from './Options.tsx';
import './style.css';

void connection.getValue().then((saved) => {
  render(
    <Options initial={saved} deps={{ connection, whoAmI: (c) => createCompanionClient(c).me(), signOut }} />,
    document.getElementById('app')!,
  );
});
