'use client';
import type { NoticePolicy } from '@session-links/core';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useId, useState } from 'react';
import { useSessionLinks } from '../context/provider';
import { useWidgetMessages } from '../context/use-widget-messages';
import { settingsQueryOptions } from '../query/queries';

/** "Tell them now" in an impact dialog (R29): ticked by default when the site tells clients automatically. */
export interface TellClientsChoice {
  policy: NoticePolicy;
  checked: boolean;
  setChecked: (checked: boolean) => void;
}

const TellClientsContext = createContext<TellClientsChoice | null>(null);

/**
 * The choice of one confirmation: the site's policy gives the default (checked for `auto`,
 * unchecked for `review` and `off`), the user's tick overrides it until the dialog opens again.
 * `null` when the dialog does not offer it.
 */
export function useTellClientsChoice(open: boolean, enabled: boolean): TellClientsChoice | null {
  const { client } = useSessionLinks('ConfirmDialog');
  // Every widget with an impact dialog has read the settings already (its gate): from the cache.
  const settings = useQuery({ ...settingsQueryOptions(client), enabled });
  const [choice, setChoice] = useState<boolean | null>(null);
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) setChoice(null);
  }
  if (!enabled) return null;
  const policy = settings.data?.notices ?? 'auto';
  return { policy, checked: choice ?? policy === 'auto', setChecked: setChoice };
}

export function TellClientsScope({ value, children }: { value: TellClientsChoice | null; children?: ReactNode }) {
  return <TellClientsContext.Provider value={value}>{children}</TellClientsContext.Provider>;
}

/**
 * The one checkbox under the affected clients of an impact dialog (R16, R29), with what
 * ticking it means. Renders nothing outside a confirmation that offers it. `data-state`:
 * `checked` | `unchecked`.
 */
export function TellClientsCheckbox() {
  const tell = useContext(TellClientsContext);
  const t = useWidgetMessages('TellClientsCheckbox');
  const id = useId();
  if (!tell) return null;
  const hint = tell.checked ? 'tell.hint.now' : tell.policy === 'off' ? 'tell.hint.off' : 'tell.hint.review';
  return (
    <div className="sl-tell" data-state={tell.checked ? 'checked' : 'unchecked'}>
      <input
        type="checkbox"
        id={id}
        checked={tell.checked}
        onChange={(event) => tell.setChecked(event.currentTarget.checked)}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>{t('tell.label')}</label>
      <p id={`${id}-hint`} className="sl-hint">
        {t(hint)}
      </p>
    </div>
  );
}
