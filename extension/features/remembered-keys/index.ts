/**
 * Remembered keys: pairs the user opted to keep in this browser, encrypted under a passphrase
 * (PBKDF2-SHA-256 ≥ 600,000 rounds → AES-GCM), locked whenever the browser starts and unlocked from
 * the popup. Unlocked pairs feed the region cards' "Fill into page", the command and the menu.
 * @module
 */
export {
  createRememberedKeys,
  MIN_ITERATIONS,
  type RememberedKeys,
  type RememberedPair,
  type Vault,
} from './remembered-keys-store.ts';
export {
  createRememberedPairs,
  rememberedPairs,
  retireReplacedPair,
  type RememberedPairs,
  type VaultStatus,
} from './remembered-pairs.ts';
export { rememberedFillablePair } from './remembered-fillable-pair.ts';
// The popup imports its components (RememberPair.tsx, RememberedKeysLock.tsx) and their hook directly,
// so the worker's bundle never pulls in Preact or CSS through this file.
