'use client';
import type { ApiError } from '@session-links/client';
import type { Impact, Service, ServiceVideo, ServiceVideoUpdate, SettingsChange } from '@session-links/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useSessionLinks } from '../context/provider';
import type { MessageBundle, Translate } from '../context/translate';
import { useWidgetMessages } from '../context/use-widget-messages';
import { useServices, useServiceVideo, useSetServiceVideo } from '../hooks';
import type { ConfirmOptions } from '../parts/confirm-dialog';
import { type GateState, type GateValue, useGate } from '../parts/gate';
import type { HeadingLevel } from '../primitives/heading';
import { useVersionedDraft, type VersionedDraft } from '../primitives/use-versioned-draft';
import { impactQueryOptions } from '../query/queries';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The ServiceVideoSwitch's own strings; the shared ones are added by `useWidgetMessages`. */
export const serviceVideoSwitchMessages: MessageBundle = { en, nl };

const videoVersion = (v: ServiceVideo) => v.version;

/** The gate's states, then whether the service's sessions are online. */
export type ServiceVideoSwitchState = GateState | 'on' | 'off';
/**
 * Where a switch is on its way: `checking` which sessions it affects (R16), `confirming`
 * (they are shown, the user decides), `saving`; `idle` otherwise.
 */
export type ServiceVideoSwitchPhase = 'idle' | 'checking' | 'confirming' | 'saving';

export interface UseServiceVideoSwitchOptions {
  /** The service whose sessions are switched online or off. */
  serviceId: string;
  /** The widget's title is `<h{headingLevel}>` (default 3), the "changed elsewhere" panel below it. */
  headingLevel?: HeadingLevel;
  /** The switch was saved: the new value, the sessions that gained or lost a link and whom to tell. */
  onSaved?: (update: ServiceVideoUpdate) => void;
  /** The saved value, for a host's own service form (the host owns services: carry it into its data). */
  onValueChange?: (online: boolean) => void;
  onError?: (error: ApiError) => void;
}

/** Upcoming sessions whose link a change gains, changes or loses: only then is the change confirmed first. */
export const affectedUpcoming = (impact: Impact | null | undefined): number => (impact ? impact.sessions.filter((s) => !s.past).length : 0);

/**
 * What `useServiceVideoSwitch()` returns and `ServiceVideoSwitchRoot` gives its parts: the
 * switch's state and phase, the impact of a flip, the confirmation and the prop getters.
 * Declared (React Aria's `CheckboxAria` shape) so that a host's own markup reads a documented API.
 */
export interface ServiceVideoSwitchController {
  /** The gate's state until it is `ready`, then `on` or `off`; the root shows it as `data-state`. */
  state: ServiceVideoSwitchState;
  /** Where a flip is on its way: `idle`, `checking`, `confirming`, `saving`; the root shows it as `data-phase`. */
  phase: ServiceVideoSwitchPhase;
  /** The title's level; the "changed elsewhere" panel is one below. */
  headingLevel: HeadingLevel;
  /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
  gate: GateValue;
  /** The widget's strings (shared and its own, with the host's `messages` on top). */
  t: Translate;
  /** The service's switch from the server, with its version; `undefined` while loading. */
  video: ServiceVideo | undefined;
  /** The service; `undefined` while loading. */
  service: Service | undefined;
  /** What the switch shows (the value asked for while it is on its way). */
  checked: boolean;
  /** The value being checked, confirmed or saved. */
  wanted: boolean | null;
  /** The site has no default account (R8): online sessions get no link. */
  noDefault: boolean;
  /** What the flip changes (R16), once checked. */
  impact: Impact | null;
  /** The check of what the flip changes failed: the confirmation says the sessions are unknown. */
  impactFailed: boolean;
  /** The confirmation (R16) is open. */
  dialogOpen: boolean;
  /** The last save's answer: the sessions that gained or lost a link and whom to tell, until dismissed. */
  result: ServiceVideoUpdate | null;
  /** The last save's failure. */
  saveError: ApiError | null;
  /** R20: the draft's base, their value when it moved on, and the choice. */
  draft: VersionedDraft<ServiceVideo>;
  /** The switch is being fetched again. */
  refreshing: boolean;
  /** The title's id, which names the root. */
  titleId: string;
  /** The switch's id, which its label names. */
  switchId: string;
  /** Flips the switch: checks what it changes, then saves at once or asks first. */
  toggle: () => Promise<void>;
  /** Back to the saved value, without saving. */
  cancel: () => void;
  /** Saves the flip under review, on the version it was flipped from (R20); `tellClients`: "Tell them now" (R29). */
  confirm: (options?: ConfirmOptions) => void;
  setConfirmOpen: (open: boolean) => void;
  /** "Take theirs": the draft goes and their value is shown. */
  reload: () => void;
  dismissResult: () => void;
  /** The root's group role, its name and its state attributes. */
  getRootProps: () => {
    role: 'group';
    'aria-labelledby': string;
    'data-state': ServiceVideoSwitchState;
    'data-phase': ServiceVideoSwitchPhase;
    'data-no-default': string | undefined;
  };
  getTitleProps: () => { id: string };
  /** The switch itself: a real `role="switch"` button, named by its label, checked while online. */
  getSwitchProps: () => {
    type: 'button';
    role: 'switch';
    id: string;
    'aria-checked': boolean;
    'aria-describedby': string;
    'aria-busy': true | undefined;
    disabled: boolean;
    'aria-disabled': true | undefined;
    'data-state': 'checked' | 'unchecked';
    onClick: () => void;
  };
}

/**
 * State and actions of a service's video-conferencing switch (R1, R8, R16, R20), without
 * markup. Flipping it first asks which upcoming sessions it affects; with any, the change
 * waits for a confirmation that shows them, else it is saved at once.
 */
export function useServiceVideoSwitch({
  serviceId,
  headingLevel = 3,
  onSaved,
  onValueChange,
  onError,
}: UseServiceVideoSwitchOptions): ServiceVideoSwitchController {
  const t = useWidgetMessages('useServiceVideoSwitch', serviceVideoSwitchMessages);
  const { client } = useSessionLinks('useServiceVideoSwitch');
  const queryClient = useQueryClient();
  const video$ = useServiceVideo(serviceId);
  const services = useServices();
  // R1, R10: loading, error, upgrade and forbidden as every widget decides them; only the owner switches a service.
  const gate = useGate({ operation: 'setServiceVideo', queries: [video$, services] });
  const mutation = useSetServiceVideo();
  const titleId = useId();
  const switchId = useId();
  const [phase, setPhase] = useState<ServiceVideoSwitchPhase>('idle');
  // The value the user switched to, while it is checked, confirmed or saved.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [impactFailed, setImpactFailed] = useState(false);
  // The confirmation is open: from "affected sessions found" until saved, cancelled or refused with CONFLICT.
  const [dialogOpen, setDialogOpen] = useState(false);
  const [result, setResult] = useState<ServiceVideoUpdate | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  // R20: the switch is saved on the version the user flipped it from; their change meanwhile is shown, not overwritten.
  const draft = useVersionedDraft<ServiceVideo>({
    current: video$.data,
    versionOf: videoVersion,
    refetch: video$.refetch,
    saving: mutation.isPending,
  });

  const video = video$.data;
  // R8: switching on is allowed without a default account, but its sessions get no link: say so.
  const noDefault = gate.settings ? gate.settings.defaultAccount === null : false;
  let state: ServiceVideoSwitchState;
  if (gate.state !== 'ready') state = gate.state;
  else if (!video) state = 'error';
  else state = video.online ? 'on' : 'off';
  // What the switch shows: the value asked for while it is on its way (rolled back if cancelled or refused).
  const checked = phase !== 'idle' && wanted !== null ? wanted : (video?.online ?? false);
  const blocked = draft.theirs !== null;

  const save = (online: boolean, version: number, options: ConfirmOptions = {}) => {
    setPhase('saving');
    setSaveError(null);
    mutation.mutate(
      { serviceId, online, version, ...options },
      {
        onSuccess: (update) => {
          draft.close();
          setDialogOpen(false);
          setPhase('idle');
          setWanted(null);
          setImpact(null);
          setResult(update);
          onSaved?.(update);
          onValueChange?.(update.video.online);
        },
        onError: (error) => {
          // A CONFLICT shows their value beside the user's (the dialog closes); anything else is said
          // where the user is: in the open confirmation (Confirm tries again), or next to the switch.
          if (draft.refused(error)) {
            setDialogOpen(false);
            setPhase('idle');
          } else {
            setSaveError(error);
            setPhase(dialogOpen ? 'confirming' : 'idle');
          }
          onError?.(error);
        },
      },
    );
  };

  const toggle = async () => {
    if (!video || phase !== 'idle' || blocked) return;
    const next = !video.online;
    const version = draft.version ?? video.version;
    draft.open();
    setWanted(next);
    setResult(null);
    setSaveError(null);
    setImpact(null);
    setImpactFailed(false);
    setPhase('checking');
    const change: SettingsChange = { type: 'set-service-online', serviceId, online: next };
    try {
      const preview = await queryClient.fetchQuery(impactQueryOptions(client, change));
      setImpact(preview);
      if (affectedUpcoming(preview) > 0) {
        setDialogOpen(true);
        setPhase('confirming');
      } else save(next, version);
    } catch {
      // The preview failed: the user still decides, told that the affected sessions are unknown.
      setImpactFailed(true);
      setDialogOpen(true);
      setPhase('confirming');
    }
  };

  const cancel = () => {
    if (!draft.conflict) draft.close();
    setDialogOpen(false);
    setPhase('idle');
    setWanted(null);
    setImpact(null);
    setSaveError(null);
  };

  return {
    state,
    phase,
    headingLevel,
    /** The shared gate (R1, R10): `state` is the gate's until it is `ready`. */
    gate,
    t,
    video,
    service: services.data?.find((s) => s.id === serviceId),
    /** What the switch shows (the value asked for while it is on its way). */
    checked,
    /** The value being checked, confirmed or saved. */
    wanted,
    /** The site has no default account (R8): online sessions get no link. */
    noDefault,
    impact,
    impactFailed,
    /** The confirmation (R16) is open. */
    dialogOpen,
    result,
    saveError,
    draft,
    refreshing: video$.isFetching,
    titleId,
    switchId,
    toggle,
    cancel,
    confirm: (options?: ConfirmOptions) => {
      if (wanted === null || !video) return;
      save(wanted, draft.version ?? video.version, options);
    },
    setConfirmOpen: (open: boolean) => {
      if (!open && phase !== 'saving') cancel();
    },
    /** "Take theirs": the draft goes and their value is shown. */
    reload: () => {
      cancel();
      draft.takeTheirs();
    },
    dismissResult: () => setResult(null),
    /** The root's group role, its name and its state attributes. */
    getRootProps: () => ({
      role: 'group' as const,
      'aria-labelledby': titleId,
      'data-state': state,
      'data-phase': phase,
      'data-no-default': noDefault ? '' : undefined,
    }),
    getTitleProps: () => ({ id: titleId }),
    /** The switch itself: a real `role="switch"` button, named by its label, checked while online. */
    getSwitchProps: () => ({
      type: 'button' as const,
      role: 'switch' as const,
      id: switchId,
      'aria-checked': checked,
      'aria-describedby': `${switchId}-describe`,
      'aria-busy': phase === 'checking' || phase === 'saving' ? true : undefined,
      // Busy or awaiting a choice: aria-disabled, not disabled, so focus stays on the switch (a disabled button drops it).
      disabled: state !== 'on' && state !== 'off',
      'aria-disabled': phase !== 'idle' || blocked ? true : undefined,
      'data-state': checked ? 'checked' : 'unchecked',
      onClick: () => void toggle(),
    }),
  };
}
