// The popup-open benchmark's baseline: the least a Preact popup built with WXT can do — one button,
// and the same kind of performance mark the real popup sets once its list is on screen.
import { render } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

function Baseline() {
  useLayoutEffect(() => void performance.mark('s3keys:baseline'), []);
  return <button type="button">Open</button>;
}

render(<Baseline />, document.getElementById('app')!);
