import type { AutomationId, BookingEmailMessage } from '@session-links/core';
import { renderBookingEmail } from '../notices/render';
import { authorize, type Caller, type Env, enter, type Params } from './context';

/** R28: an automation's e-mail for a booking (the owner; the host's server comes in with the sync secret). */
export function emailOperations(env: Env) {
  return {
    renderBookingEmail: (caller: Caller, p: Params, input: { sessionId?: string; timeZone?: string }): Promise<BookingEmailMessage> =>
      renderBookingEmail(
        env.store,
        { siteId: p.siteId, bookingId: p.bookingId as string, automationId: p.automationId as AutomationId, ...input },
        { now: env.now, authorize: async (tx) => authorize(await enter(env, tx, p.siteId, caller.userId), 'renderBookingEmail') },
      ),
  };
}
