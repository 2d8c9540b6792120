'use client';
import * as Dialog from '@radix-ui/react-dialog';
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useEffect, useRef } from 'react';
import { useMe } from '../hooks';
import { useSessionLinks } from '../provider';
import { cx } from '../shared/cx';
import { DialogPortal } from '../shared/dialog-portal';
import { LoadingState } from '../shared/state-panel';
import { StaffAccountBody } from '../staff-account/staff-account-editor';
import { type UseStaffAccountOptions, useStaffAccount } from '../staff-account/use-staff-account';

export interface PersonalSessionsActionProps extends UseStaffAccountOptions {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  /**
   * The trigger. Inside a host's menu, wrap the host's own item:
   * `<PersonalSessionsTrigger asChild><DropdownMenu.Item>…</DropdownMenu.Item></PersonalSessionsTrigger>`,
   * and put this component around the whole menu so the dialog outlives it.
   * Without children, a standalone button is rendered.
   */
  children?: ReactNode;
  /** Class of the dialog. */
  className?: string;
}

/**
 * A staff member sets up their own online-session account from a calendar's
 * "More actions" menu (R9, R10): "Set up personal online sessions" opens a dialog
 * with Zoom (Continue, Connect) or a custom link (Link, Password, Description, Connect).
 */
export function PersonalSessionsAction({ open, defaultOpen, onOpenChange, children, className, ...options }: PersonalSessionsActionProps) {
  useSessionLinks('PersonalSessionsAction');
  return (
    <Dialog.Root open={open} defaultOpen={defaultOpen} onOpenChange={onOpenChange}>
      {children ?? <PersonalSessionsTrigger />}
      <DialogPortal>
        <Dialog.Overlay className="sl-overlay" />
        <PersonalSessionsDialogContent className={className} {...options} />
      </DialogPortal>
    </Dialog.Root>
  );
}

export type PersonalSessionsTriggerProps = ComponentPropsWithoutRef<typeof Dialog.Trigger>;

/** Opens the dialog. `asChild` renders the host's own element (a menu item) instead of a button. */
export const PersonalSessionsTrigger = forwardRef<HTMLButtonElement, PersonalSessionsTriggerProps>(function PersonalSessionsTrigger(
  { children, className, asChild, ...props },
  ref,
) {
  const { t } = useSessionLinks('PersonalSessionsTrigger');
  return (
    <Dialog.Trigger ref={ref} asChild={asChild} className={asChild ? className : cx('sl-root sl-button', className)} {...props}>
      {children ?? t('personal.action')}
    </Dialog.Trigger>
  );
});

function PersonalSessionsDialogContent({ className, ...options }: UseStaffAccountOptions & { className?: string | undefined }) {
  const { t } = useSessionLinks('PersonalSessionsAction');
  const me = useMe();
  const staffId = me.data?.staffId ?? undefined;
  const c = useStaffAccount(staffId, options);
  const opened = useRef(false);

  // No account yet: go straight to the choice, as the menu item promises.
  useEffect(() => {
    if (opened.current || c.state === 'loading' || c.state === 'error') return;
    opened.current = true;
    if (c.state === 'view' && !c.account) c.add();
  }, [c]);

  return (
    <Dialog.Content className={cx('sl-root sl-dialog sl-personal', className)} data-state-flow={c.state} aria-describedby={undefined}>
      <Dialog.Title className="sl-dialog-title">{t('personal.action')}</Dialog.Title>
      {me.isPending ? (
        <LoadingState />
      ) : me.data && me.data.staffId === null ? (
        <p className="sl-state" data-kind="no-staff-record">
          {t('personal.noStaffRecord')}
        </p>
      ) : (
        <>
          {c.state !== 'blocked' && c.state !== 'forbidden' ? <p className="sl-hint">{t('personal.intro')}</p> : null}
          <StaffAccountBody
            controller={c}
            submitLabel={t('zoom.connect')}
            blockedText={t('personal.blocked')}
            headingLevel={3}
            hideExplanation={!c.account}
          />
        </>
      )}
      <div className="sl-actions">
        <Dialog.Close className="sl-button">{t('common.close')}</Dialog.Close>
      </div>
    </Dialog.Content>
  );
}
