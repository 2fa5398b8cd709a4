import type { ComponentChildren } from 'preact';
import { AlertIcon } from './icons.tsx';

/** A message pinned at the top centre of the popup, above everything but modals. */
export function Toast({ children }: { children: ComponentChildren }) {
  return (
    <div class="toast" role="status">
      <AlertIcon />
      <span>{children}</span>
    </div>
  );
}
