import type { Store } from '../store/types';

/** A store, or how to open one on first use (`() => openStore()`). */
export type StoreSource = Store | (() => Promise<Store>);

/** A store opened on first use: see `lazyStore`. */
export interface LazyStore {
  /** The store, opening it on the first call; concurrent callers share one open. */
  open(): Promise<Store>;
  /** The store when it is open, else `null` (never opens it). */
  current(): Store | null;
  /** Closes the store if it was opened (waiting for an open in flight); `open()` then refuses. */
  close(): Promise<void>;
}

/**
 * Opens a store on its first use instead of at import. A host module that opens the store
 * at module scope makes `next build` (which imports route modules to collect them) create
 * the embedded data folder, or migrate `DATABASE_URL`, or fail when the database is not
 * reachable from the build machine. Concurrent first callers share one open; a failed open
 * is forgotten, so the next call tries again (a database that was down at boot is picked
 * up once it is back, with no restart).
 */
export function lazyStore(open: () => Promise<Store>): LazyStore {
  let opening: Promise<Store> | null = null;
  let opened: Store | null = null;
  let closed = false;
  return {
    open() {
      if (closed) return Promise.reject(new Error('session-links: the store was closed'));
      opening ??= open().then(
        (store) => {
          opened = store;
          return store;
        },
        (error: unknown) => {
          opening = null;
          throw error;
        },
      );
      return opening;
    },
    current: () => opened,
    async close() {
      closed = true;
      const inFlight = opening;
      opening = null;
      const store = opened ?? (inFlight ? await inFlight.catch(() => null) : null);
      opened = null;
      await store?.close();
    },
  };
}

/** `store` as a lazy store: a factory is opened on first use, a store is already open. */
export function toLazyStore(store: StoreSource): LazyStore {
  if (typeof store !== 'function') {
    return { open: async () => store, current: () => store, close: () => store.close() };
  }
  return lazyStore(store);
}
