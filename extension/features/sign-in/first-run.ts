/**
 * The first run: when the extension is installed (not updated), its options page opens with the
 * sign-in, so a new user starts by connecting to the companion instead of finding an empty popup.
 * @module
 */
import { browser } from 'wxt/browser';

/** Opens the options page (the first-run sign-in) once, right after the extension is installed. */
export function openSignInOnInstall(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
}
