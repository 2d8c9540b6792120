'use client';
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as Dialog from '@radix-ui/react-dialog';
import type { ComponentPropsWithoutRef } from 'react';
import { usePortalContainer } from '../provider';

/**
 * Radix's `Dialog.Portal` into the provider's `portalContainer`, so a dialog sits inside
 * the host's themed layout (dark mode, custom properties) instead of at the end of `<body>`.
 */
export function DialogPortal(props: ComponentPropsWithoutRef<typeof Dialog.Portal>) {
  const container = usePortalContainer('Dialog');
  return <Dialog.Portal container={container} {...props} />;
}

/** `AlertDialog.Portal` into the provider's `portalContainer` (see `DialogPortal`). */
export function AlertDialogPortal(props: ComponentPropsWithoutRef<typeof AlertDialog.Portal>) {
  const container = usePortalContainer('AlertDialog');
  return <AlertDialog.Portal container={container} {...props} />;
}
