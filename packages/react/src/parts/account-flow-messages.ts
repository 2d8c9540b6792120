import type { MessageBundle } from '../context/translate';
import { en } from './messages/en';
import { nl } from './messages/nl';

/** The account flows' own strings (the providers offered, not set up, Teams' refusal), beside the shared ones. */
export const accountFlowMessages: MessageBundle = { en, nl };
