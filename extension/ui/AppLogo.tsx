import { KeyIcon } from './icons.tsx';

/** The S3 Keys mark: a key on a soft accent square, `size` CSS px wide. */
export function AppLogo({ size }: { size: number }) {
  return (
    <span class="app-logo" style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true">
      <KeyIcon size={Math.round(size * 0.58)} />
    </span>
  );
}
