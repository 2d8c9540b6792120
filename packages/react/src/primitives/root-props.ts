import type { HTMLAttributes, RefObject } from 'react';

/** A part's state as `data-*` attributes (enumerated values; `undefined` leaves one out). */
export type DataAttributes = Record<`data-${string}`, string | undefined>;

/**
 * What a hook's getter for the element it manages returns (`getRootProps()`, `getPanelProps()`):
 * the element's attributes, its `data-*` state, and the ref the hook needs for focus that
 * follows the step. Spread it on the element, merging the ref with your own.
 */
export type RootProps<E extends HTMLElement = HTMLDivElement> = HTMLAttributes<E> & DataAttributes & { ref: RefObject<E | null> };
