/** A problem that stops the companion from starting; its message is shown to the operator as is. */
export class StartupError extends Error {
  override name = 'StartupError';
}
