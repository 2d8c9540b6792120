import { createClient } from '@session-links/client';
import { MAIN_SITE } from '@session-links/mocks';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactNode, useState } from 'react';
import { createPortal } from 'react-dom';
import { describe, expect, it, vi } from 'vitest';
import { SessionLinksProvider } from '../src/context/provider';
import {
  DialogCancel,
  DialogClose,
  DialogContent,
  type DialogContentProps,
  DialogDescription,
  DialogOverlay,
  DialogPortal,
  DialogRoot,
  DialogTitle,
  DialogTrigger,
} from '../src/primitives/dialog';

// The dialog the widgets use instead of Radix's: what a keyboard, pointer and screen-reader user gets.
const client = createClient({ baseUrl: 'http://localhost/api/session-links', siteId: MAIN_SITE });

function Page({ children, container }: { children: ReactNode; container?: Element }) {
  return (
    <SessionLinksProvider client={client} portalContainer={container}>
      <main>
        <button type="button">Before</button>
        {children}
        <button type="button">After</button>
      </main>
    </SessionLinksProvider>
  );
}

/** A confirmation (alert dialog) with a trigger, as `ConfirmDialog` builds it. */
function Confirm({ label = 'Delete', open, onOpenChange }: { label?: string; open?: boolean; onOpenChange?: (o: boolean) => void }) {
  return (
    <DialogRoot alert open={open} onOpenChange={onOpenChange}>
      <DialogTrigger>{label}</DialogTrigger>
      <DialogPortal>
        <DialogOverlay className="sl-overlay" data-testid="alert-overlay" />
        <DialogContent>
          <DialogTitle>Delete the link?</DialogTitle>
          <DialogDescription>Clients can no longer join.</DialogDescription>
          <DialogCancel>Cancel</DialogCancel>
          <button type="button">Delete it</button>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  );
}

/** A dialog with a form, a nested confirmation and Close. */
function Editor(props: DialogContentProps & { nested?: boolean }) {
  const { nested = false, ...content } = props;
  return (
    <DialogRoot>
      <DialogTrigger>Edit link</DialogTrigger>
      <DialogPortal>
        <DialogOverlay data-testid="overlay" />
        <DialogContent {...content}>
          <DialogTitle>Edit the link</DialogTitle>
          <label>
            Link <input defaultValue="https://example.com" />
          </label>
          <button type="button" disabled>
            Save
          </button>
          {nested ? <Confirm label="Remove" /> : null}
          <DialogClose>Close</DialogClose>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  );
}

/** A design-system field that renders its input in its own shadow root, placed in a dialog by a host's custom UI. */
function ShadowField() {
  return (
    <div
      data-testid="ds-field"
      ref={(el) => {
        if (!el || el.shadowRoot) return;
        const input = document.createElement('input');
        input.setAttribute('aria-label', 'Note');
        el.attachShadow({ mode: 'open' }).append(input);
      }}
    />
  );
}

/** A controlled dialog with no trigger whose widget moves focus itself on open and on close. */
function Controlled() {
  const [open, setOpen] = useState(false);
  // Set in the same update that closes the dialog (a refused save closing onto a choice).
  const [refocus, setRefocus] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open from elsewhere
      </button>
      <button type="button">Chosen target</button>
      <DialogRoot open={open} onOpenChange={setOpen}>
        <DialogPortal>
          <DialogContent
            aria-describedby={undefined}
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              document.getElementById('chosen')?.focus();
            }}
            onCloseAutoFocus={(event) => {
              if (!refocus) return;
              event.preventDefault();
              screen.getByRole('button', { name: 'Chosen target' }).focus();
            }}
          >
            <DialogTitle>Controlled</DialogTitle>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setRefocus(true);
              }}
            >
              First
            </button>
            <button type="button" id="chosen">
              Second
            </button>
          </DialogContent>
        </DialogPortal>
      </DialogRoot>
    </>
  );
}

/**
 * A host's popover placed in a dialog: its panel is portalled to the end of <body> (as Radix's
 * Popover, a date picker or a combobox do), outside the dialog in the DOM, inside it in React.
 */
function HostPopover() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Colour
      </button>
      {open
        ? createPortal(
            <fieldset aria-label="Colours">
              <button type="button">Red</button>
              <button type="button">Blue</button>
            </fieldset>,
            document.body,
          )
        : null}
    </>
  );
}

const pageScroll = () => (document.scrollingElement ?? document.documentElement) as HTMLElement;

describe('dialog', () => {
  it('opens labelled and described, moves focus in, and returns it to the trigger on Escape', async () => {
    render(
      <Page>
        <Confirm />
      </Page>,
    );
    const trigger = screen.getByRole('button', { name: 'Delete' });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(trigger);
    const dialog = screen.getByRole('alertdialog', { name: 'Delete the link?' });
    expect(dialog).toHaveAccessibleDescription('Clients can no longer join.');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAttribute('data-state', 'open');
    expect(screen.getByTestId('alert-overlay')).toHaveAttribute('data-state', 'open');
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(trigger).toHaveAttribute('aria-controls', dialog.id);
    // An alert dialog starts on Cancel, the safe choice.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('a dialog focuses its first control; Tab and Shift+Tab stay inside, skipping what is disabled', async () => {
    render(
      <Page>
        <Editor />
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit link' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit the link' });
    const link = within(dialog).getByRole('textbox', { name: 'Link' });
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(link).toHaveFocus();
    await userEvent.tab();
    expect(close).toHaveFocus();
    await userEvent.tab();
    expect(link).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(close).toHaveFocus();
    // Focus that lands outside anyway (a script, a host's menu closing) is pulled back in.
    act(() => screen.getByRole('button', { name: 'Before', hidden: true }).focus());
    expect(close).toHaveFocus();
  });

  it('a pointer-down outside closes a dialog, not an alert dialog; Escape can be refused', async () => {
    let busy = true;
    render(
      <Page>
        <Editor onEscapeKeyDown={(event) => busy && event.preventDefault()} />
        <Confirm />
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit link' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    busy = false;
    await userEvent.click(screen.getByTestId('overlay'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit link' })).toHaveFocus());

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(screen.getByTestId('alert-overlay'));
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('makes the rest of the page inert and stops its scrolling while open, and undoes both', async () => {
    const hostInert = document.createElement('div');
    hostInert.setAttribute('inert', '');
    document.body.append(hostInert);
    try {
      pageScroll().style.overflow = 'auto';
      render(
        <Page>
          <Editor />
        </Page>,
      );
      const main = screen.getByRole('main');
      await userEvent.click(screen.getByRole('button', { name: 'Edit link' }));
      const dialog = screen.getByRole('dialog');
      expect(main.closest('[inert]')).not.toBeNull();
      expect(dialog.closest('[inert]')).toBeNull();
      expect(pageScroll().style.overflow).toBe('hidden');
      await userEvent.keyboard('{Escape}');
      expect(document.querySelectorAll('[inert]')).toEqual(expect.objectContaining({ length: 1 }));
      expect(hostInert).toHaveAttribute('inert'); // the host's own, left alone
      expect(pageScroll().style.overflow).toBe('auto');
    } finally {
      hostInert.remove();
      pageScroll().style.overflow = '';
    }
  });

  it('stacks: a confirmation opened inside a dialog takes over, and closing it gives the dialog back', async () => {
    render(
      <Page>
        <Editor nested />
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit link' }));
    const outer = screen.getByRole('dialog');
    await userEvent.click(within(outer).getByRole('button', { name: 'Remove' }));
    const inner = screen.getByRole('alertdialog', { name: 'Delete the link?' });
    // The outer dialog is now part of "the rest of the page".
    expect(outer.closest('[inert]')).not.toBeNull();
    expect(inner.closest('[inert]')).toBeNull();
    expect(within(inner).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.tab();
    await userEvent.tab();
    expect(within(inner).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    // Escape closes only the top one; focus goes back to its trigger inside the outer dialog.
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(outer).toBeInTheDocument();
    expect(outer.closest('[inert]')).toBeNull();
    await waitFor(() => expect(within(outer).getByRole('button', { name: 'Remove' })).toHaveFocus());
    expect(screen.getByRole('main').closest('[inert]')).not.toBeNull();
    // A pointer-down inside the outer dialog does not close it.
    await userEvent.click(within(outer).getByRole('textbox', { name: 'Link' }));
    expect(outer).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.querySelector('[inert]')).toBeNull();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit link' })).toHaveFocus());
  });

  it('controlled, with the widget moving focus itself on open and on close', async () => {
    render(
      <Page>
        <Controlled />
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open from elsewhere' }));
    const dialog = screen.getByRole('dialog', { name: 'Controlled' });
    expect(dialog).not.toHaveAttribute('aria-describedby');
    expect(within(dialog).getByRole('button', { name: 'Second' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'First' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Chosen target' })).toHaveFocus());
  });

  it('opens inside the provider’s portal container', async () => {
    const slot = document.createElement('div');
    document.body.append(slot);
    try {
      render(
        <Page container={slot}>
          <Confirm />
        </Page>,
      );
      await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
      expect(slot).toContainElement(screen.getByRole('alertdialog'));
    } finally {
      slot.remove();
    }
  });

  it('inside a host’s shadow DOM: the page outside is inert, focus is trapped, a click inside does not close it', async () => {
    // A host that renders the widgets in a shadow root, with the dialogs' portal container there too.
    const nav = document.createElement('button');
    nav.textContent = 'Host menu';
    const host = document.createElement('div');
    document.body.append(nav, host);
    const shadow = host.attachShadow({ mode: 'open' });
    const app = document.createElement('div');
    const slot = document.createElement('div');
    shadow.append(app, slot);
    const inShadow = within(shadow as unknown as HTMLElement);
    try {
      render(
        <Page container={slot}>
          <Editor />
        </Page>,
        { container: app },
      );
      const trigger = inShadow.getByRole('button', { name: 'Edit link' });
      await userEvent.click(trigger);
      const dialog = inShadow.getByRole('dialog', { name: 'Edit the link' });
      expect(slot).toContainElement(dialog);
      const link = within(dialog).getByRole('textbox', { name: 'Link' });
      const close = within(dialog).getByRole('button', { name: 'Close' });
      // `document.activeElement` is the shadow host: the focused element is the shadow root's.
      expect(shadow.activeElement).toBe(link);
      // The page outside the shadow root and the widget beside the slot inside it are inert; the dialog is not.
      expect(nav).toHaveAttribute('inert');
      expect(app).toHaveAttribute('inert');
      expect(host).not.toHaveAttribute('inert');
      expect(dialog.closest('[inert]')).toBeNull();
      // Tab and Shift+Tab wrap inside.
      await userEvent.tab({ shift: true });
      expect(shadow.activeElement).toBe(close);
      await userEvent.tab();
      expect(shadow.activeElement).toBe(link);
      // Focus that lands outside is pulled back in.
      act(() => nav.focus());
      expect(shadow.activeElement).toBe(link);
      // A pointer-down inside the dialog (retargeted to the host outside the shadow root) does not close it.
      await userEvent.click(link);
      expect(inShadow.getByRole('dialog')).toBeInTheDocument();
      await userEvent.keyboard('{Escape}');
      expect(inShadow.queryByRole('dialog')).not.toBeInTheDocument();
      expect(nav).not.toHaveAttribute('inert');
      expect(app).not.toHaveAttribute('inert');
      await waitFor(() => expect(shadow.activeElement).toBe(trigger));
    } finally {
      nav.remove();
      host.remove();
    }
  });

  it('a host’s web component inside the dialog: its field keeps focus and a click in it does not close the dialog', async () => {
    render(
      <Page>
        <DialogRoot>
          <DialogTrigger>Edit note</DialogTrigger>
          <DialogPortal>
            <DialogContent>
              <DialogTitle>Edit the note</DialogTitle>
              <ShadowField />
              <DialogClose>Close</DialogClose>
            </DialogContent>
          </DialogPortal>
        </DialogRoot>
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit note' }));
    const field = screen.getByTestId('ds-field');
    const input = field.shadowRoot?.querySelector('input') as HTMLInputElement;
    act(() => input.focus());
    // Inside the dialog, though in a shadow root: not pulled back to the dialog's first control.
    expect(field.shadowRoot?.activeElement).toBe(input);
    expect(document.activeElement).toBe(field);
    await userEvent.click(input);
    expect(screen.getByRole('dialog', { name: 'Edit the note' })).toBeInTheDocument();
    expect(field.shadowRoot?.activeElement).toBe(input);
  });
  it('a host’s popover portalled out of the dialog is inside it: pressing, focusing and tabbing in it keep the dialog open', async () => {
    render(
      <Page>
        <DialogRoot>
          <DialogTrigger>Edit label</DialogTrigger>
          <DialogPortal>
            <DialogOverlay data-testid="overlay" />
            <DialogContent>
              <DialogTitle>Edit the label</DialogTitle>
              <HostPopover />
              <DialogClose>Close</DialogClose>
            </DialogContent>
          </DialogPortal>
        </DialogRoot>
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit label' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit the label' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Colour' }));
    const colours = screen.getByRole('group', { name: 'Colours' });
    // A real portal: the popover is not in the dialog's DOM.
    expect(dialog).not.toContainElement(colours);
    const red = within(colours).getByRole('button', { name: 'Red' });
    await userEvent.click(red);
    expect(screen.getByRole('dialog', { name: 'Edit the label' })).toBeInTheDocument();
    expect(red).toHaveFocus();
    // Tab inside the popover is the popover's: not wrapped back into the dialog.
    await userEvent.tab();
    expect(within(colours).getByRole('button', { name: 'Blue' })).toHaveFocus();
    // What is outside in both trees still closes it.
    await userEvent.click(screen.getByTestId('overlay'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('Tab in a long form checks a few fields, not every one', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => `Field ${i + 1}`);
    render(
      <Page>
        <DialogRoot>
          <DialogTrigger>Edit all</DialogTrigger>
          <DialogPortal>
            <DialogContent>
              <DialogTitle>Edit every field</DialogTitle>
              {fields.map((name) => (
                <input key={name} aria-label={name} />
              ))}
            </DialogContent>
          </DialogPortal>
        </DialogRoot>
      </Page>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Edit all' }));
    const middle = screen.getByRole('textbox', { name: 'Field 30' });
    act(() => middle.focus());
    const first = screen.getByRole('textbox', { name: 'Field 1' });
    const last = screen.getByRole('textbox', { name: 'Field 60' });
    // The dialog's keydown alone (the browser's own move of focus, and the queries by role, are not the dialog's cost).
    const styles = vi.spyOn(window, 'getComputedStyle');
    let middleTab: boolean;
    let lastTab: boolean;
    let styleReads: number;
    try {
      // In the middle: the dialog leaves the key alone and the browser moves focus.
      middleTab = fireEvent.keyDown(middle, { key: 'Tab' });
      act(() => last.focus());
      lastTab = fireEvent.keyDown(last, { key: 'Tab' });
      styleReads = styles.mock.calls.length;
    } finally {
      styles.mockRestore();
    }
    expect(middleTab).toBe(true);
    // On the last field: wrapped to the first.
    expect(lastTab).toBe(false);
    expect(first).toHaveFocus();
    // Two Tabs: the form's two edges read each time (and their ancestors up to the dialog), not 60 fields.
    expect(styleReads).toBeGreaterThan(0);
    expect(styleReads).toBeLessThanOrEqual(12);
  });
});
