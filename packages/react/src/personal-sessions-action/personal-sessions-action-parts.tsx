'use client';
import { type ComponentPropsWithRef, createContext, type ReactNode, type RefObject, useContext, useRef } from 'react';
import { LoadingState } from '../parts/state-panel';
import { cx } from '../primitives/cx';
import {
  DialogClose,
  DialogContent,
  type DialogContentProps,
  DialogOverlay,
  DialogPortal,
  DialogRoot,
  DialogTrigger,
  type DialogTriggerProps,
  useDialogTitleId,
} from '../primitives/dialog';
import { headingTag } from '../primitives/heading';
import { menuTriggerOf } from '../primitives/menu-trigger';
import { createScopedContext } from '../primitives/scoped-context';
import { StaffAccountFlow, type StaffAccountFlowProps, StaffAccountRoot } from '../staff-account-editor/staff-account-editor-parts';
import {
  type PersonalSessionsActionController,
  type PersonalSessionsActionFlowController,
  usePersonalSessionsActionFlow,
} from './use-personal-sessions-action';

// The Root's value (the hook's options), read by the content to run the flow once open.
const [ActionScope, usePersonalSessionsActionContext] = createScopedContext<PersonalSessionsActionController>('PersonalSessionsAction');

// The flow inside the open dialog, read by the parts in the content.
const [PersonalScope, usePersonalSessionsActionFlowContext] = createScopedContext<PersonalSessionsActionFlowController>(
  'PersonalSessionsActionFlow',
  '<PersonalSessionsActionContent>',
);

export { usePersonalSessionsActionContext, usePersonalSessionsActionFlowContext };

export interface PersonalSessionsActionRootProps {
  /** What `usePersonalSessionsAction(options)` returned: the callbacks the dialog's flow runs with. */
  value: PersonalSessionsActionController;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  children?: ReactNode;
}

/** The trigger pressed, and the menu button of the host's menu it was in (if any). */
interface OpenedFrom {
  trigger: HTMLElement;
  menuButton: HTMLElement | null;
}

// Per Root (a ref in the Root, never module state): which trigger opened the dialog, for the focus to return to.
const OpenedFromContext = createContext<RefObject<OpenedFrom | null> | null>(null);

/**
 * The dialog's root (`primitives/dialog`): the hook's `value`, and `open` / `defaultOpen` /
 * `onOpenChange`. Renders no element. Put it around a host's whole menu so the dialog outlives it.
 */
export function PersonalSessionsActionRoot({ value, open, defaultOpen, onOpenChange, children }: PersonalSessionsActionRootProps) {
  const openedFrom = useRef<OpenedFrom | null>(null);
  return (
    <ActionScope value={value}>
      <OpenedFromContext.Provider value={openedFrom}>
        <DialogRoot open={open} defaultOpen={defaultOpen} onOpenChange={onOpenChange}>
          {children}
        </DialogRoot>
      </OpenedFromContext.Provider>
    </ActionScope>
  );
}

export type PersonalSessionsActionTriggerProps = DialogTriggerProps;

/**
 * Opens the dialog. `asChild` renders the host's own element (a menu item) instead of a
 * button. Opened from an item of a host's menu, the dialog returns focus to that menu's
 * button when it closes: the item is gone once its menu closes.
 */
export function PersonalSessionsActionTrigger({ children, className, asChild, onClick, ...props }: PersonalSessionsActionTriggerProps) {
  const { t } = usePersonalSessionsActionContext('PersonalSessionsActionTrigger');
  const openedFrom = useContext(OpenedFromContext);
  return (
    <DialogTrigger
      asChild={asChild}
      className={asChild ? className : cx('sl-root sl-button', className)}
      onClick={(event) => {
        onClick?.(event);
        // A host's menu item is gone once its menu closes: remember the menu's button to return to.
        if (openedFrom) openedFrom.current = { trigger: event.currentTarget, menuButton: menuTriggerOf(event.currentTarget) };
      }}
      {...props}
    >
      {children ?? t('personal.action')}
    </DialogTrigger>
  );
}

export type PersonalSessionsActionContentProps = DialogContentProps;

/**
 * The dialog (in a portal, over an overlay): runs `usePersonalSessionsActionFlow()` with the
 * Root's options once open and provides it, and the staff flow's parts, to its children.
 * `data-state-flow` is the flow's state (`data-state` is the dialog's open / closed).
 */
export function PersonalSessionsActionContent({ className, children, ...props }: PersonalSessionsActionContentProps) {
  const { options } = usePersonalSessionsActionContext('PersonalSessionsActionContent');
  return (
    <DialogPortal>
      <DialogOverlay className="sl-overlay" />
      <ContentWithHook {...props} options={options} className={className}>
        {children}
      </ContentWithHook>
    </DialogPortal>
  );
}

function ContentWithHook({
  options,
  className,
  children,
  onCloseAutoFocus,
  ...props
}: PersonalSessionsActionContentProps & { options: PersonalSessionsActionController['options'] }) {
  const value = usePersonalSessionsActionFlow(options);
  const openedFrom = useContext(OpenedFromContext);
  return (
    <PersonalScope value={value}>
      <StaffAccountRoot value={value.account}>
        <DialogContent
          aria-describedby={undefined}
          {...props}
          className={cx('sl-root sl-dialog sl-personal', className)}
          data-state-flow={value.state}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            if (event.defaultPrevented) return;
            // Focus returns to the trigger by default; a menu item that is gone cannot take it: its menu's button does.
            const from = openedFrom?.current;
            if (!from || from.trigger.isConnected || !from.menuButton?.isConnected) return;
            event.preventDefault();
            from.menuButton.focus();
          }}
        >
          {children}
        </DialogContent>
      </StaffAccountRoot>
    </PersonalScope>
  );
}

/** The dialog's title: "Set up personal online sessions". */
export function PersonalSessionsActionTitle({ className, children, ...props }: ComponentPropsWithRef<'h2'>) {
  const { t, headingLevel } = usePersonalSessionsActionFlowContext('PersonalSessionsActionTitle');
  // The dialog's title at the hook's level (default 2): it names the dialog, as Radix's Dialog.Title does.
  const id = useDialogTitleId('PersonalSessionsActionTitle');
  const Heading = headingTag(headingLevel);
  return (
    <Heading id={id} {...props} className={cx('sl-dialog-title', className)}>
      {children ?? t('personal.action')}
    </Heading>
  );
}

/** Loading while the signed-in user is fetched; "no staff record" when they are not a staff member; else its children. */
export function PersonalSessionsActionGate({ children }: { children?: ReactNode }) {
  const c = usePersonalSessionsActionFlowContext('PersonalSessionsActionGate');
  const { t } = c;
  if (c.state === 'loading' && c.me === undefined) return <LoadingState />;
  if (c.noStaffRecord) {
    return (
      <p className="sl-state" data-kind="no-staff-record">
        {t('personal.noStaffRecord')}
      </p>
    );
  }
  return <>{children}</>;
}

/** What a personal account is for; not shown while blocked or forbidden. */
export function PersonalSessionsActionIntro({ className, ...props }: Omit<ComponentPropsWithRef<'p'>, 'children'>) {
  const c = usePersonalSessionsActionFlowContext('PersonalSessionsActionIntro');
  const { t } = c;
  if (c.state === 'blocked' || c.state === 'forbidden') return null;
  return (
    <p {...props} className={cx('sl-hint', className)}>
      {t('personal.intro')}
    </p>
  );
}

/**
 * Their own account flow: the staff flow's default composition (`StaffAccountFlow`), with
 * "Connect" as the form's submit, the self-service blocked text, and no explanation until
 * they have an account; each can be given instead.
 */
export function PersonalSessionsActionFlow(props: StaffAccountFlowProps) {
  const c = usePersonalSessionsActionFlowContext('PersonalSessionsActionFlow');
  const { t } = c;
  return (
    <StaffAccountFlow submitLabel={t('zoom.connect')} blockedText={t('personal.blocked')} hideExplanation={!c.account.account} {...props} />
  );
}

/** Closes the dialog. */
export function PersonalSessionsActionClose({ className, children, ...props }: ComponentPropsWithRef<'button'>) {
  const { t } = usePersonalSessionsActionFlowContext('PersonalSessionsActionClose');
  return (
    <DialogClose {...props} className={cx('sl-button', className)}>
      {children ?? t('common.close')}
    </DialogClose>
  );
}
