'use client';
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ApiError } from '@session-links/client';
import type { ReactNode } from 'react';
import { AlertDialogPortal } from './dialog-portal';
import { useWidgetMessages } from './i18n';
import { SaveError } from './state-panel';

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
  onConfirm: () => void;
  error?: ApiError | null;
  onReload?: () => void;
  /** When true, focus is not returned to the trigger on close: the caller moves it (the trigger is gone). */
  keepFocusOnClose?: boolean;
  /** With `keepFocusOnClose`: where focus goes instead, once the dialog has closed. */
  onFocusAfterClose?: () => void;
}

/**
 * The confirmation before an irreversible change, shared by every widget: Radix's
 * AlertDialog (focus trapped, Escape cancels, focus back to the trigger), a failed
 * confirm shown inside it, and Cancel focused first.
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
  onConfirm,
  error = null,
  onReload,
  keepFocusOnClose = false,
  onFocusAfterClose,
}: ConfirmDialogProps) {
  const t = useWidgetMessages('ConfirmDialog');
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialogPortal>
        <AlertDialog.Overlay className="sl-overlay" />
        <AlertDialog.Content
          className="sl-root sl-dialog"
          aria-busy={pending || undefined}
          onCloseAutoFocus={(event) => {
            if (!keepFocusOnClose) return;
            event.preventDefault();
            onFocusAfterClose?.();
          }}
        >
          <AlertDialog.Title className="sl-dialog-title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="sl-dialog-body">{description}</AlertDialog.Description>
          {children}
          <SaveError error={error} onReload={onReload} form={false} />
          <div className="sl-actions">
            <AlertDialog.Cancel className="sl-button">{t('common.cancel')}</AlertDialog.Cancel>
            <button type="button" className="sl-button" data-variant={variant} disabled={pending || disabled} onClick={onConfirm}>
              {pending ? (pendingLabel ?? t('common.saving')) : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialogPortal>
    </AlertDialog.Root>
  );
}
