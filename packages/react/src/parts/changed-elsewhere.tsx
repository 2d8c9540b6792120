'use client';
import type { CustomLinkInput } from '@session-links/core';
import { type ComponentPropsWithRef, type ReactNode, useEffect, useId, useRef } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { type HeadingLevel, headingBelow, headingTag } from '../primitives/heading';
import type { VersionedDraft } from '../primitives/use-versioned-draft';

export interface ChangedElsewhereProps extends Omit<ComponentPropsWithRef<'section'>, 'children'> {
  draft: Pick<VersionedDraft<unknown>, 'theirs' | 'conflict' | 'overriding' | 'keepMine'>;
  /** Their value, as the widget shows it. */
  theirs: ReactNode;
  /** The user's draft, as the widget shows it. */
  yours: ReactNode;
  /** Drops the draft and shows their value; the widget also resets its own form state. */
  onTakeTheirs: () => void;
  /** Their value is still being fetched (after a CONFLICT). */
  refreshing?: boolean;
  headingLevel?: HeadingLevel;
}

/**
 * R20: "Changed elsewhere", their value beside yours, and the choice: keep mine (the
 * next save replaces theirs, knowingly) or take theirs (the draft goes). Focus moves
 * here only when the user's own save was refused, never because data changed.
 */
export function ChangedElsewhere({
  draft,
  theirs,
  yours,
  onTakeTheirs,
  refreshing = false,
  headingLevel = 4,
  className,
  ...props
}: ChangedElsewhereProps) {
  const t = useWidgetMessages('ChangedElsewhere');
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const Heading = headingTag(headingLevel);
  const Sub = headingTag(headingBelow(headingLevel));
  const shown = draft.theirs !== null;

  // A refused save is the user's own action: take them to the choice.
  useEffect(() => {
    if (shown && draft.conflict) heading.current?.focus();
  }, [shown, draft.conflict]);
  // "Keep mine" turns the panel into a note: focus follows it so it never drops to <body>.
  useEffect(() => {
    if (!shown && draft.overriding) note.current?.focus();
  }, [shown, draft.overriding]);

  if (!shown) {
    return draft.overriding ? (
      <p ref={note} className={cx('sl-notice', className)} data-versions="overriding" tabIndex={-1}>
        {t('versions.overriding')}
      </p>
    ) : null;
  }
  return (
    <section
      {...props}
      className={cx('sl-alert sl-versions', className)}
      aria-labelledby={`${id}-title`}
      data-versions={draft.conflict ? 'conflict' : 'changed'}
    >
      <Heading id={`${id}-title`} ref={heading} tabIndex={-1} className="sl-subtitle" data-focus-priority={draft.conflict ? '' : undefined}>
        {t('versions.title')}
      </Heading>
      <p role="alert">{t(draft.conflict ? 'versions.conflict' : 'versions.changed')}</p>
      <div className="sl-versions-compare">
        <section aria-labelledby={`${id}-theirs`} data-version="theirs">
          <Sub id={`${id}-theirs`}>{t('versions.theirs')}</Sub>
          {refreshing ? <p role="status">{t('common.loading')}</p> : theirs}
        </section>
        <section aria-labelledby={`${id}-yours`} data-version="yours">
          <Sub id={`${id}-yours`}>{t('versions.yours')}</Sub>
          {yours}
        </section>
      </div>
      <div className="sl-actions">
        <button type="button" className="sl-button" disabled={refreshing} onClick={draft.keepMine}>
          {t('versions.keepMine')}
        </button>
        <button type="button" className="sl-button" data-variant="primary" disabled={refreshing} onClick={onTakeTheirs}>
          {t('versions.takeTheirs')}
        </button>
      </div>
    </section>
  );
}

/** A custom link as a draft or a stored value: the URL, whether a password is set, the description. */
export function LinkValue({ link }: { link: Partial<CustomLinkInput> | null | undefined }) {
  const t = useWidgetMessages('LinkValue');
  if (!link?.url) return <p className="sl-hint">{t('versions.noLink')}</p>;
  return (
    <>
      <p className="sl-link-text">{link.url}</p>
      {link.password ? <p className="sl-hint">{t('picker.passwordSet')}</p> : null}
      {link.description ? <p className="sl-description">{link.description}</p> : null}
    </>
  );
}
