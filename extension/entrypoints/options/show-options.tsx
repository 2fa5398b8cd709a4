import { render } from 'preact';
import { browserCompanionAccess } from '@/features/companion-access/connect-to-companion.ts';
import { keepRotationReminder } from '@/features/key-list/account-reminder.ts';
import { notificationsAllowed, setNotificationsAllowed } from '@/features/team-notices/notify-team-resets.ts';
import { createCompanionClient } from '@/lib/companion-client.ts';
import { signInWithVault } from '@/features/remembered-keys/sign-in-with-vault.ts';
import { connection, signOut } from '@/lib/state.ts';
import { Options } from './Options.tsx';
import './style.css';

/** Signs out, and gives back the host access that Connect asked for. */
async function signOutAndRelease(): Promise<void> {
  const saved = await connection.getValue();
  await signOut();
  if (saved) await browserCompanionAccess.release(saved.url);
}

/** Renders the settings page; the popup's script loads this when it runs in options.html. */
export async function showOptions(): Promise<void> {
  const saved = await connection.getValue();
  render(
    <Options
      initial={saved}
      deps={{
        whoAmI: (c) => createCompanionClient(c).me(),
        signIn: signInWithVault,
        signOut: signOutAndRelease,
        access: browserCompanionAccess,
        notifications: { allowed: notificationsAllowed, setAllowed: setNotificationsAllowed },
        rotationReminder: (c) => {
          const client = createCompanionClient(c);
          return {
            load: () => client.account().then(keepRotationReminder),
            save: (days) => client.setRotationReminder(days).then(keepRotationReminder),
          };
        },
        history: (c) => {
          const client = createCompanionClient(c);
          return { audit: client.audit, regions: client.regions };
        },
      }}
    />,
    document.getElementById('app')!,
  );
}
