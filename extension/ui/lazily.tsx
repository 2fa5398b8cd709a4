/**
 * A component loaded on first use: its code is a chunk of its own, fetched when it is first rendered,
 * so a view most opens never show (the new pair's panel, say) does not weigh on every open.
 * @module
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** `load` imports the component; until it has, the lazy one renders nothing. */
export function lazily<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function Lazily(props: P) {
    const [Component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      loading ??= load().then((component) => (loaded = component));
      void loading.then((component) => live && setComponent(() => component));
      return () => {
        live = false;
      };
    }, [Component]);
    return Component ? <Component {...props} /> : null;
  };
}
