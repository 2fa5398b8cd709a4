/**
 * Autofill: fills a key pair into an S3 console's form on an explicit gesture, safely, and
 * remembers which origins each access key went to.
 * @module
 */
export type { Fill, FieldKind, FillResult, RefusalReason } from './types.ts';
export type { GetFillablePair, NoPair } from './fillable-pair.ts';
export { firstPair, pairOf, pendingSecretPair } from './fillable-pair.ts';
export { explainFillResult } from './explain-fill-result.ts';
export { autofillHandlers, type AutofillProtocol } from './autofill-protocol.ts';
export { registerAutofill, FILL_COMMAND } from './register-autofill.ts';
export { fillTab } from './fill-tab.ts';
export { listUsedOrigins, forgetUsedOrigins } from './used-origins.ts';
