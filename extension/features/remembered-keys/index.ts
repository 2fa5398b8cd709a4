/**
 * Remembered keys: pairs the user opted to keep, encrypted in the browser under a passphrase
 * (PBKDF2-SHA-256 ≥ 600,000 rounds → AES-GCM per item), synced through the companion as ciphertext to
 * the user's other browsers, locked whenever the browser starts and after the idle time the user set.
 * Unlocked pairs feed the region cards' "Fill into page", the command and the menu.
 * @module
 */
export {
  createLocalVault,
  type LocalVault,
  type LocalVaultStore,
  type RememberedPair,
  type VaultEntry,
} from './local-vault.ts';
export {
  createRememberedPairs,
  extensionVault,
  type RememberedPairs,
  type SyncOutcome,
  type VaultLink,
  type VaultParts,
  type VaultStatus,
} from './remembered-pairs.ts';
// The worker's side (the syncer and its messages) is vault-worker.ts, imported by the worker alone; the
// popup's is remembered-pairs-proxy.ts.
export { rememberedFillablePair } from './remembered-fillable-pair.ts';
// The popup imports its components (RememberPair.tsx, RememberedKeysLock.tsx) and their hook directly,
// so the worker's bundle never pulls in Preact or CSS through this file.
