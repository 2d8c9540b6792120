'use client';
// Over 500 lines on purpose: the modal dialog and alert dialog are one primitive (focus trap, outside press through the React tree, portals, shadow DOM), measured to cost 2.7 kB where Radix's costs 13 kB.
import {
  Children,
  type ComponentPropsWithRef,
  cloneElement,
  createContext,
  type ReactElement,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { usePortalContainer } from '../context/provider';
import { cx } from './cx';
import { mergeRefs } from './merge-refs';

/*
 * A small modal dialog and alert dialog: what the widgets used from Radix's Dialog and
 * AlertDialog, at a fraction of the size. A plain `div` with its own focus trap, not a
 * native `<dialog>` + `showModal()`: jsdom (the `react` tests) has no `showModal`, the top
 * layer would bypass the `--sl-z-dialog` token and `.sl-overlay`, and this way the same
 * code runs in the tests and in every browser.
 *
 * While open: focus moves in (an alert dialog's Cancel first), Tab and Shift+Tab wrap
 * inside, focus that lands outside is pulled back, Escape closes, a pointer-down outside
 * closes a dialog (never an alert dialog), every sibling of the dialog's branch up to
 * <body> is `inert` (hidden from assistive tech and pointers), the page does not scroll.
 * All of it works with the portal container inside a host's (open) shadow root: the walk
 * goes on from the shadow root to its host, and focus and event targets are read through it.
 * On close all of it is undone and focus returns to the trigger (or where the widget says).
 * Dialogs stack: only the top one answers keys, pointers and focus.
 *
 * "Outside" is judged through the React tree, as Radix's DismissableLayer does: a host's
 * popover, listbox or date picker rendered inside the dialog's content but portalled
 * elsewhere in the DOM is inside — pressing, focusing or tabbing in it leaves the dialog
 * open. The content notes each pointer-down, focus and key event that passes through its
 * React subtree (React propagates them through portals); the document listeners, which run
 * after React's, skip the events it noted.
 */

type DialogEvent = Event;

interface DialogContextValue {
  open: boolean;
  setOpen: (open: boolean) => void;
  alert: boolean;
  contentId: string;
  titleId: string;
  descriptionId: string;
  described: boolean;
  setDescribed: (described: boolean) => void;
  triggerRef: RefObject<HTMLElement | null>;
  cancelRef: RefObject<HTMLElement | null>;
}

const DialogContext = createContext<DialogContextValue | null>(null);

function useDialog(part: string): DialogContextValue {
  const value = useContext(DialogContext);
  if (!value) throw new Error(`${part} must be used inside <DialogRoot>.`);
  return value;
}

export interface DialogRootProps {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** An alert dialog: role `alertdialog`, Cancel focused first, a pointer-down outside does not close it. */
  alert?: boolean;
  children?: ReactNode;
}

export function DialogRoot({ open: controlled, defaultOpen = false, onOpenChange, alert = false, children }: DialogRootProps) {
  const [uncontrolled, setUncontrolled] = useState(defaultOpen);
  const open = controlled ?? uncontrolled;
  const latest = useRef({ open, controlled, onOpenChange });
  latest.current = { open, controlled, onOpenChange };
  const setOpen = useCallback((next: boolean) => {
    const { open: now, controlled: isControlled, onOpenChange: notify } = latest.current;
    if (next === now) return;
    if (isControlled === undefined) setUncontrolled(next);
    notify?.(next);
  }, []);
  const id = useId();
  const [described, setDescribed] = useState(false);
  const triggerRef = useRef<HTMLElement | null>(null);
  const cancelRef = useRef<HTMLElement | null>(null);
  const value = useMemo<DialogContextValue>(
    () => ({
      open,
      setOpen,
      alert,
      contentId: `${id}c`,
      titleId: `${id}t`,
      descriptionId: `${id}d`,
      described,
      setDescribed,
      triggerRef,
      cancelRef,
    }),
    [open, setOpen, alert, id, described],
  );
  return <DialogContext.Provider value={value}>{children}</DialogContext.Provider>;
}

/** Renders its only child with these props merged in: handlers both run (the child's first), classes join, refs both set. */
function Slot({ children, ...props }: { children?: ReactNode } & Record<string, unknown>) {
  const child = Children.only(children) as ReactElement<Record<string, unknown>>;
  const own = child.props;
  const merged: Record<string, unknown> = { ...props, ...own };
  for (const key of Object.keys(props)) {
    const mine = props[key];
    const theirs = own[key];
    if (/^on[A-Z]/.test(key) && typeof mine === 'function' && typeof theirs === 'function') {
      merged[key] = (...args: unknown[]) => {
        theirs(...args);
        mine(...args);
      };
    }
  }
  merged.className = cx(props.className as string, own.className as string) || undefined;
  merged.style = { ...(props.style as object), ...(own.style as object) };
  merged.ref = mergeRefs(props.ref as RefObject<unknown>, own.ref as RefObject<unknown>);
  return cloneElement(child, merged);
}

export type DialogTriggerProps = ComponentPropsWithRef<'button'> & { asChild?: boolean };

/** Opens the dialog; focus returns here when it closes. `asChild`: the host's own element instead of a button. */
export function DialogTrigger({ asChild, ref, onClick, ...props }: DialogTriggerProps) {
  const d = useDialog('DialogTrigger');
  const Comp = asChild ? Slot : 'button';
  return (
    <Comp
      type={asChild ? undefined : 'button'}
      aria-haspopup="dialog"
      aria-expanded={d.open}
      aria-controls={d.open ? d.contentId : undefined}
      data-state={d.open ? 'open' : 'closed'}
      {...props}
      ref={mergeRefs(ref, d.triggerRef)}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) d.setOpen(!d.open);
      }}
    />
  );
}

/** While open: its children in the provider's `portalContainer` (else `<body>`), so a dialog inherits the host's theme. */
export function DialogPortal({ children }: { children?: ReactNode }) {
  const d = useDialog('DialogPortal');
  const container = usePortalContainer('Dialog');
  // Not during server rendering or hydration: the portal's target exists only in the browser.
  const [mounted, setMounted] = useState(false);
  useLayoutEffect(() => setMounted(true), []);
  // Closing renders the parts once more (`data-state="closed"`, before paint) so the Content's
  // close handlers are the ones of the update that closed it (as with Radix's Presence): a
  // widget that closes the dialog and picks where focus goes in one update gets its choice.
  const [shown, setShown] = useState(d.open);
  useLayoutEffect(() => setShown(d.open), [d.open]);
  if (!(d.open || shown) || !mounted) return null;
  // `display: contents`: the wrapper adds no box (the host's flex gaps stay), it only marks the dialog's branch.
  return createPortal(
    <div data-sl-dialog-portal="" style={{ display: 'contents' }}>
      {children}
    </div>,
    container ?? document.body,
  );
}

export function DialogOverlay({ ...props }: ComponentPropsWithRef<'div'>) {
  const d = useDialog('DialogOverlay');
  return <div data-state={d.open ? 'open' : 'closed'} {...props} />;
}

export interface DialogContentProps extends ComponentPropsWithRef<'div'> {
  /** Before focus moves in; `preventDefault()` to move it yourself. */
  onOpenAutoFocus?: (event: DialogEvent) => void;
  /** Before focus returns to the trigger; `preventDefault()` to move it yourself. */
  onCloseAutoFocus?: (event: DialogEvent) => void;
  /** `preventDefault()` to keep the dialog open (e.g. while busy). */
  onEscapeKeyDown?: (event: KeyboardEvent) => void;
  /** `preventDefault()` to keep the dialog open. */
  onPointerDownOutside?: (event: PointerEvent) => void;
}

// The open dialogs, bottom first: only the last one handles keys, pointers and focus.
const stack: HTMLElement[] = [];
// Elements made inert, with how many open dialogs asked for it (stacked dialogs share siblings).
const inerted = new Map<Element, number>();
let scrollLocks = 0;
let scrollBefore = '';

const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]';

function isHidden(el: Element, scope: Element): boolean {
  for (let node: Element | null = el; node && node !== scope; node = node.parentElement) {
    if (getComputedStyle(node).display === 'none') return true;
  }
  return getComputedStyle(el).visibility === 'hidden';
}

function isTabbable(el: HTMLElement, scope: Element): boolean {
  return (
    el.tabIndex >= 0 &&
    !(el as HTMLButtonElement).disabled &&
    !(el instanceof HTMLInputElement && el.type === 'hidden') &&
    !el.closest('[inert]') &&
    !isHidden(el, scope)
  );
}

/** The elements Tab reaches inside `scope`, in order (positive tabindex aside, as Radix does). */
export function tabbables(scope: HTMLElement): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => isTabbable(el, scope));
}

/**
 * The first and last element Tab reaches inside `scope`, as Radix's FocusScope finds its
 * edges: candidates are read from each end and only until one is tabbable, so a Tab in a
 * long form checks the styles of a few elements, not of every field.
 */
export function tabbableEdges(scope: HTMLElement): [HTMLElement, HTMLElement] | null {
  const candidates = scope.querySelectorAll<HTMLElement>(TABBABLE);
  let first: HTMLElement | null = null;
  let at = 0;
  for (; at < candidates.length && !first; at++)
    if (isTabbable(candidates[at] as HTMLElement, scope)) first = candidates[at] as HTMLElement;
  if (!first) return null;
  for (let back = candidates.length - 1; back >= at; back--) {
    if (isTabbable(candidates[back] as HTMLElement, scope)) return [first, candidates[back] as HTMLElement];
  }
  return [first, first];
}

/** The focused element, inside shadow roots too (`document.activeElement` is then their host). */
function activeElementOf(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Where an event happened: a document listener sees an event from a shadow root retargeted to its host. */
function originOf(event: Event): Node | null {
  return (event.composedPath()[0] ?? event.target) as Node | null;
}

/**
 * Whether `node` is inside `scope`, also when it sits in a shadow root inside it (a host's web
 * component in the dialog: its field is focused and clicked through `activeElementOf`/`originOf`,
 * which `Node.contains` alone would call outside, pulling focus back and closing the dialog).
 */
function holds(scope: Node, node: Node | null): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as Partial<ShadowRoot>).host ?? null) if (n === scope) return true;
  return false;
}

function focus(el: HTMLElement | null | undefined): boolean {
  if (!el) return false;
  el.focus({ preventScroll: true });
  if (el instanceof HTMLInputElement) el.select();
  return activeElementOf(el.ownerDocument) === el;
}

/**
 * Makes every sibling of `branch` and of each of its ancestors up to `<body>` inert, going
 * out of a shadow root to its host (the dialog may be portalled into a host's shadow DOM);
 * returns the undo.
 */
function inertOthers(branch: Element): () => void {
  const mine: Element[] = [];
  const body = branch.ownerDocument.body;
  for (let node: Element | null = branch; node && node !== body; ) {
    const parent: ParentNode | null = node.parentNode;
    if (!parent) break;
    for (const sibling of parent.children) {
      if (sibling === node || sibling.hasAttribute('aria-live') || /^(SCRIPT|STYLE|TEMPLATE)$/.test(sibling.tagName)) continue;
      const count = inerted.get(sibling) ?? (sibling.hasAttribute('inert') ? Number.NaN : 0);
      if (Number.isNaN(count)) continue; // the host's own `inert`: not ours to undo
      if (count === 0) sibling.setAttribute('inert', '');
      inerted.set(sibling, count + 1);
      mine.push(sibling);
    }
    // Up to the parent element, or from a shadow root to its host (a document has no host: the walk ends).
    node = node.parentElement ?? (parent as Partial<ShadowRoot>).host ?? null;
  }
  return () => {
    for (const el of mine) {
      const count = (inerted.get(el) ?? 1) - 1;
      if (count > 0) inerted.set(el, count);
      else {
        inerted.delete(el);
        el.removeAttribute('inert');
      }
    }
  };
}

function lockScroll(): () => void {
  const page = (document.scrollingElement ?? document.documentElement) as HTMLElement;
  if (scrollLocks++ === 0) {
    scrollBefore = page.style.overflow;
    page.style.overflow = 'hidden';
  }
  return () => {
    if (--scrollLocks === 0) page.style.overflow = scrollBefore;
  };
}

/** The dialog itself (role `dialog` or `alertdialog`, `aria-modal`), labelled by its Title and described by its Description. */
export function DialogContent({
  ref,
  onOpenAutoFocus,
  onCloseAutoFocus,
  onEscapeKeyDown,
  onPointerDownOutside,
  onPointerDownCapture,
  onFocusCapture,
  onKeyDownCapture,
  ...props
}: DialogContentProps) {
  const d = useDialog('DialogContent');
  const node = useRef<HTMLDivElement | null>(null);
  // The last native pointer-down, focus and key event that went through the content's React
  // subtree (portalled children included): the document listeners treat them as inside.
  const passedThrough = useRef<{ pointer?: Event; focus?: Event; key?: Event }>({});
  const handlers = useRef({ onOpenAutoFocus, onCloseAutoFocus, onEscapeKeyDown, onPointerDownOutside, d });
  handlers.current = { onOpenAutoFocus, onCloseAutoFocus, onEscapeKeyDown, onPointerDownOutside, d };
  const release = useRef<(() => void) | null>(null);

  // Closing: give the page back before anyone's passive effects of this update run, so a
  // widget that moves focus onto the page as the dialog closes (a saved step's heading)
  // is not refused by `inert` — else focus ends on <body> once the dialog is gone.
  useLayoutEffect(() => {
    if (!d.open) release.current?.();
  }, [d.open]);

  useEffect(() => {
    const content = node.current;
    if (!content) return;
    const doc = content.ownerDocument;
    const before = activeElementOf(doc) as HTMLElement | null;
    const undoInertOnce = inertOthers(content.closest('[data-sl-dialog-portal]') ?? content);
    let inertDone = false;
    const undoInert = () => {
      if (inertDone) return;
      inertDone = true;
      undoInertOnce();
    };
    // Closing: out of the stack (no more trap) and the page usable again, at once.
    const leave = () => {
      const at = stack.indexOf(content);
      if (at !== -1) stack.splice(at, 1);
      undoInert();
    };
    release.current = leave;
    const unlockScroll = lockScroll();
    stack.push(content);
    const isTop = () => stack[stack.length - 1] === content;
    let lastFocused: HTMLElement | null = null;

    const focusInside = () => focus(lastFocused?.isConnected ? lastFocused : null) || focus(tabbableEdges(content)?.[0]) || focus(content);
    // Inside the content's DOM, or inside its React subtree (a portalled child: a host's popover).
    const inside = (kind: 'pointer' | 'focus' | 'key', event: Event, target: Node | null) =>
      passedThrough.current[kind] === event || holds(content, target);

    // Focus in: unless something inside already has it (an `autoFocus`) or the widget moves it itself.
    if (!holds(content, activeElementOf(doc))) {
      const event = new Event('sl.dialog.openAutoFocus', { cancelable: true });
      handlers.current.onOpenAutoFocus?.(event);
      if (!event.defaultPrevented) {
        const { alert, cancelRef } = handlers.current.d;
        const first = tabbables(content).find((el) => el.tagName !== 'A') ?? null;
        if (!(alert && focus(cancelRef.current))) focus(first) || focus(content);
      }
    }

    const onFocusIn = (event: FocusEvent) => {
      const target = originOf(event) as HTMLElement;
      if (inside('focus', event, target)) lastFocused = target;
      else if (isTop()) focusInside();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isTop() || event.defaultPrevented) return;
      if (event.key === 'Escape') {
        handlers.current.onEscapeKeyDown?.(event);
        if (event.defaultPrevented) return;
        event.preventDefault();
        handlers.current.d.setOpen(false);
        return;
      }
      if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
      const active = activeElementOf(doc);
      // Tab in a portalled child of the content (a host's popover) is the child's own business.
      if (passedThrough.current.key === event && !holds(content, active)) return;
      const edges = tabbableEdges(content);
      if (!edges) {
        event.preventDefault();
        return;
      }
      const [first, last] = edges;
      if (event.shiftKey && (active === first || active === content || !holds(content, active))) {
        event.preventDefault();
        focus(last);
      } else if (!event.shiftKey && (active === last || !holds(content, active))) {
        event.preventDefault();
        focus(first);
      }
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!isTop() || inside('pointer', event, originOf(event))) return;
      // A right-click (or Ctrl+click) outside never closes, as with Radix.
      if (event.button !== 0 || event.ctrlKey) return;
      handlers.current.onPointerDownOutside?.(event);
      if (event.defaultPrevented || handlers.current.d.alert) return;
      handlers.current.d.setOpen(false);
    };
    doc.addEventListener('focusin', onFocusIn);
    doc.addEventListener('keydown', onKeyDown);
    // Bubbling, not capturing: React's own listeners (on the root and on every portal's
    // container) run first and note an event that passed through the content's subtree.
    doc.addEventListener('pointerdown', onPointerDown);
    return () => {
      doc.removeEventListener('focusin', onFocusIn);
      doc.removeEventListener('keydown', onKeyDown);
      doc.removeEventListener('pointerdown', onPointerDown);
      // Un-inert first: an inert element cannot take the focus returned to it.
      leave();
      unlockScroll();
      // After the widget's own effects of this update (as Radix does), so its choice of focus is the last word.
      setTimeout(() => {
        if (stack.includes(content)) return; // remounted (React's StrictMode): still open
        const event = new Event('sl.dialog.closeAutoFocus', { cancelable: true });
        handlers.current.onCloseAutoFocus?.(event);
        if (event.defaultPrevented) return;
        const trigger = handlers.current.d.triggerRef.current;
        focus(trigger?.isConnected ? trigger : before?.isConnected ? before : null);
      }, 0);
    };
  }, []);

  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is `dialog` or `alertdialog`, both modal-capable (biome cannot see through the expression)
    <div
      id={d.contentId}
      role={d.alert ? 'alertdialog' : 'dialog'}
      aria-modal="true"
      aria-labelledby={d.titleId}
      aria-describedby={d.described ? d.descriptionId : undefined}
      tabIndex={-1}
      data-state={d.open ? 'open' : 'closed'}
      {...props}
      ref={mergeRefs(ref, node)}
      onPointerDownCapture={(event) => {
        passedThrough.current.pointer = event.nativeEvent;
        onPointerDownCapture?.(event);
      }}
      onFocusCapture={(event) => {
        passedThrough.current.focus = event.nativeEvent;
        onFocusCapture?.(event);
      }}
      onKeyDownCapture={(event) => {
        passedThrough.current.key = event.nativeEvent;
        onKeyDownCapture?.(event);
      }}
    />
  );
}

export function DialogTitle(props: ComponentPropsWithRef<'h2'>) {
  const d = useDialog('DialogTitle');
  return <h2 id={d.titleId} {...props} />;
}

/** The id a dialog is labelled by, for a title of another level than `DialogTitle`'s `<h2>`. */
export function useDialogTitleId(part: string): string {
  return useDialog(part).titleId;
}

export function DialogDescription(props: ComponentPropsWithRef<'p'>) {
  const d = useDialog('DialogDescription');
  const { setDescribed } = d;
  useLayoutEffect(() => {
    setDescribed(true);
    return () => setDescribed(false);
  }, [setDescribed]);
  return <p id={d.descriptionId} {...props} />;
}

/** Closes the dialog (also Radix AlertDialog's Action). */
export function DialogClose({ onClick, ...props }: ComponentPropsWithRef<'button'>) {
  const d = useDialog('DialogClose');
  return (
    <button
      type="button"
      {...props}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) d.setOpen(false);
      }}
    />
  );
}

/** An alert dialog's Cancel: closes it, and has the focus when it opens. */
export function DialogCancel({ ref, ...props }: ComponentPropsWithRef<'button'>) {
  const d = useDialog('DialogCancel');
  return <DialogClose {...props} ref={mergeRefs(ref, d.cancelRef)} />;
}
