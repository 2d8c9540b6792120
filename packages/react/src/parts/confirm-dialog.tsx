'use client';
import type { ApiError } from '@session-links/client';
import type { ReactNode } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import {
  DialogCancel,
  DialogContent,
  DialogDescription,
  DialogOverlay,
  DialogPortal,
  DialogRoot,
  DialogTitle,
  DialogTrigger,
} from '../primitives/dialog';
import { SaveError } from './state-panel';
import { TellClientsScope, useTellClientsChoice } from './tell-clients';

/** What the user chose in the confirmation: "Tell them now" (R29), when it was offered. */
export interface ConfirmOptions {
  tellClients?: boolean;
}

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The element that opens it; none when something else sets `open`. */
  trigger?: ReactNode;
  title: string;
  description: string;
  /** What the change will touch (R16), between the description and the buttons. */
  children?: ReactNode;
  confirmLabel: string;
  variant?: 'danger' | 'primary';
  pending?: boolean;
  /** The confirm button's label while pending (default: "Saving…"), e.g. "Creating the Zoom meeting…". */
  pendingLabel?: string;
  /** Confirm is disabled, e.g. while the impact is still being checked. */
  disabled?: boolean;
  /**
   * Offer "Tell them now" (R29) under the affected clients (`ImpactSummary`, or a
   * `TellClientsCheckbox` among the children); `onConfirm` then gets the choice.
   */
  offerTell?: boolean;
  onConfirm: (options: ConfirmOptions) => void;
  error?: ApiError | null;
  onReload?: () => void;
  /** When true, focus is not returned to the trigger on close: the caller moves it (the trigger is gone). */
  keepFocusOnClose?: boolean;
  /** With `keepFocusOnClose`: where focus goes instead, once the dialog has closed. */
  onFocusAfterClose?: () => void;
}

/**
 * The confirmation before an irreversible change, shared by every widget: an alert
 * dialog (`./dialog`: focus trapped, Escape cancels, focus back to the trigger), a failed
 * confirm shown in its footer above the buttons (in view however long the impact), and Cancel focused first.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  confirmLabel,
  variant = 'danger',
  pending = false,
  pendingLabel,
  disabled = false,
  offerTell = false,
  onConfirm,
  error = null,
  onReload,
  keepFocusOnClose = false,
  onFocusAfterClose,
}: ConfirmDialogProps) {
  const t = useWidgetMessages('ConfirmDialog');
  const tell = useTellClientsChoice(open, offerTell);
  return (
    <DialogRoot alert open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogPortal>
        <DialogOverlay className="sl-overlay" />
        <DialogContent
          className="sl-root sl-dialog"
          aria-busy={pending || undefined}
          onCloseAutoFocus={(event) => {
            if (!keepFocusOnClose) return;
            event.preventDefault();
            onFocusAfterClose?.();
          }}
        >
          <DialogTitle className="sl-dialog-title">{title}</DialogTitle>
          <DialogDescription className="sl-dialog-body">{description}</DialogDescription>
          <TellClientsScope value={tell}>{children}</TellClientsScope>
          <div className="sl-actions">
            {/* In the (sticky) footer, beside the buttons, so it is seen even below a long impact list. */}
            <SaveError error={error} onReload={onReload} form={false} />
            <DialogCancel className="sl-button">{t('common.cancel')}</DialogCancel>
            <button
              type="button"
              className="sl-button"
              data-variant={variant}
              disabled={pending || disabled}
              onClick={() => onConfirm(tell ? { tellClients: tell.checked } : {})}
            >
              {pending ? (pendingLabel ?? t('common.saving')) : confirmLabel}
            </button>
          </div>
        </DialogContent>
      </DialogPortal>
    </DialogRoot>
  );
}
