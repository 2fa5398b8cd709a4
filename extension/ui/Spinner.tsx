/** A small rotating ring; decoration only, so the text beside it must say what is happening. */
export function Spinner({ size = 14 }: { size?: number }) {
  return <span class="spinner" style={{ width: size, height: size }} aria-hidden="true" />;
}
