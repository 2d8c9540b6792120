import type { Locale } from '@session-links/core';
import { en as sharedEn } from './context/messages/en';
import { nl as sharedNl } from './context/messages/nl';
import { en as courseEn } from './course-link-editor/messages/en';
import { nl as courseNl } from './course-link-editor/messages/nl';
import { en as emailEn } from './email-block-editor/messages/en';
import { nl as emailNl } from './email-block-editor/messages/nl';
import { en as accountFlowEn } from './parts/messages/en';
import { nl as accountFlowNl } from './parts/messages/nl';
import { en as noticesEn } from './parts/messages/notice-status-en';
import { nl as noticesNl } from './parts/messages/notice-status-nl';
import { en as personalEn } from './personal-sessions-action/messages/en';
import { nl as personalNl } from './personal-sessions-action/messages/nl';
import { en as pickerEn } from './provider-picker/messages/en';
import { nl as pickerNl } from './provider-picker/messages/nl';
import { en as switchEn } from './service-video-switch/messages/en';
import { nl as switchNl } from './service-video-switch/messages/nl';
import { en as sessionEn } from './session-link-editor/messages/en';
import { en as historyEn } from './session-link-editor/messages/history-en';
import { nl as historyNl } from './session-link-editor/messages/history-nl';
import { nl as sessionNl } from './session-link-editor/messages/nl';
import { en as overviewEn } from './sessions-overview/messages/en';
import { nl as overviewNl } from './sessions-overview/messages/nl';
import { en as staffEn } from './staff-account-editor/messages/en';
import { nl as staffNl } from './staff-account-editor/messages/nl';

/**
 * Every user-facing string of every widget, per locale, assembled from the shared
 * bundle and the widgets' own (`<widget>/messages/en.ts`, `nl.ts`). Only the root entry
 * exports these; a widget's subpath ships its own bundle and the shared one.
 */
// A pure call, not an object spread: a bundler drops these dictionaries from every widget that does not use them.
const assemble = <T extends object>(...bundles: object[]): T => Object.assign({}, ...bundles);

export const en = /* @__PURE__ */ assemble<
  typeof sharedEn &
    typeof noticesEn &
    typeof pickerEn &
    typeof staffEn &
    typeof personalEn &
    typeof sessionEn &
    typeof historyEn &
    typeof courseEn &
    typeof overviewEn &
    typeof emailEn &
    typeof switchEn &
    typeof accountFlowEn
>(sharedEn, accountFlowEn, noticesEn, pickerEn, staffEn, personalEn, sessionEn, historyEn, courseEn, overviewEn, emailEn, switchEn);

export type MessageKey = keyof typeof en;
/** Every message, by key: what a host passes (partly) as `messages` to translate or reword. */
export type Messages = Record<MessageKey, string>;

export const nl: Messages = /* @__PURE__ */ assemble<Messages>(
  sharedNl,
  accountFlowNl,
  noticesNl,
  pickerNl,
  staffNl,
  personalNl,
  sessionNl,
  historyNl,
  courseNl,
  overviewNl,
  emailNl,
  switchNl,
);

export const MESSAGES: Record<Locale, Messages> = { en, nl };
