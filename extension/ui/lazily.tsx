/**
 * A component loaded on first use: its code is a chunk of its own, fetched when it is first rendered,
 * so a view most opens never show (the new pair's panel, say) does not weigh on every open.
 * @module
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component loaded on first use, whose code can also be fetched ahead of it. */
export type LazyComponent<P extends object> = ComponentType<P> & {
  /** Fetches the code now, so a later first render shows the component at once. */
  preload: () => Promise<unknown>;
};

/** Every load begun (each component's once). */
const begun: Promise<unknown>[] = [];

/**
 * Settles when every load begun so far has. A component test waits for it before its page goes away:
 * an import still running then fails the test run (vitest's EnvironmentTeardownError).
 */
export function lazyLoadsSettled(): Promise<unknown> {
  return Promise.allSettled(begun);
}

/** `load` imports the component; until it has, the lazy one renders nothing. */
export function lazily<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    if (!loading) {
      loading = load().then((component) => (loaded = component));
      begun.push(loading);
    }
    return loading;
  };
  function Lazily(props: P) {
    const [Component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      void preload().then((component) => live && setComponent(() => component));
      return () => {
        live = false;
      };
    }, [Component]);
    return Component ? <Component {...props} /> : null;
  }
  return Object.assign(Lazily, { preload });
}
