'use client';
import type { ApiError } from '@session-links/client';
import { useCallback, useMemo, useRef, useState } from 'react';

interface Entry<T> {
  /** The value the draft was opened from; saves send its version (R20). */
  base: T;
  /** A save was refused with CONFLICT: the choice stays until the user makes it. */
  conflict: boolean;
  /** The user chose "Keep mine": the next save goes on top of their version, on purpose. */
  overriding: boolean;
}

export interface UseVersionedDraftOptions<T> {
  /** The resource as the cache has it now (refetched in the background, e.g. on window focus). */
  current: T | undefined;
  versionOf: (value: T) => number;
  /** Fetch their value after a CONFLICT. */
  refetch?: () => unknown;
  /** Drafts of several resources at once (one per automation): which one is shown. */
  draftKey?: string;
  /** While a save is on its way the cache moves on by itself: nothing to report. */
  saving?: boolean;
}

/**
 * R20: a form or draft remembers the version it was opened from and saves with that
 * one. When the cached resource moves on underneath an open draft (another tab,
 * another person, a background refetch) or a save answers CONFLICT, `theirs` is set
 * and the user chooses: `keepMine` (the next save goes on top of their version) or
 * `takeTheirs` (the draft is dropped). Nothing is overwritten unseen.
 */
export function useVersionedDraft<T>({ current, versionOf, refetch, draftKey = '', saving = false }: UseVersionedDraftOptions<T>) {
  const [entries, setEntries] = useState<Record<string, Entry<T> | undefined>>({});
  const latest = useRef(current);
  latest.current = current;
  const entry = entries[draftKey];
  const currentVersion = current === undefined ? undefined : versionOf(current);
  const changed = !!entry && !saving && current !== undefined && currentVersion !== versionOf(entry.base);
  const theirs = entry && (changed || entry.conflict) ? (current ?? null) : null;

  const update = useCallback(
    (key: string, next: (e: Entry<T> | undefined) => Entry<T> | undefined) => setEntries((all) => ({ ...all, [key]: next(all[key]) })),
    [],
  );

  /** Starts a draft from what the user sees now (or `value`); a draft already open keeps its base. */
  const open = useCallback(
    (value?: T, key = draftKey) => {
      const base = value ?? latest.current;
      if (base === undefined) return;
      update(key, (e) => e ?? { base, conflict: false, overriding: false });
    },
    [draftKey, update],
  );

  const close = useCallback((key = draftKey) => update(key, () => undefined), [draftKey, update]);
  const closeAll = useCallback(() => setEntries({}), []);

  /** A save failed: on CONFLICT keeps the draft, fetches their value and asks. Returns whether it was a conflict. */
  const refused = useCallback(
    (error: ApiError, key = draftKey) => {
      if (error.code !== 'CONFLICT') return false;
      update(key, (e) => (e ? { ...e, conflict: true, overriding: false } : e));
      void refetch?.();
      return true;
    },
    [draftKey, refetch, update],
  );

  const rebase = useCallback(
    (overriding: boolean, key = draftKey) => {
      const base = latest.current;
      if (base === undefined) return;
      update(key, (e) => (e ? { base, conflict: false, overriding } : e));
    },
    [draftKey, update],
  );

  return useMemo(
    () => ({
      isOpen: !!entry,
      base: entry?.base,
      /** The version a save sends: the draft's base, or what is shown when no draft is open. */
      version: entry ? versionOf(entry.base) : currentVersion,
      /** Their value, when it differs from the draft's base or a save was refused. */
      theirs,
      /** The last save was refused with CONFLICT. */
      conflict: !!entry?.conflict,
      overriding: !!entry?.overriding && !theirs,
      open,
      close,
      closeAll,
      refused,
      keepMine: () => rebase(true),
      takeTheirs: () => {
        void refetch?.();
        close();
      },
    }),
    [entry, versionOf, currentVersion, theirs, open, close, closeAll, refused, rebase, refetch],
  );
}

export type VersionedDraft<T> = ReturnType<typeof useVersionedDraft<T>>;
