'use client';
import {
  SessionsOverviewEditDialog,
  SessionsOverviewEmpty,
  SessionsOverviewFilters,
  SessionsOverviewGate,
  SessionsOverviewRoot,
  SessionsOverviewTable,
  SessionsOverviewTitle,
} from './sessions-overview-parts';
import { type UseSessionsOverviewOptions, useSessionsOverview } from './use-sessions-overview';

export interface SessionsOverviewProps extends UseSessionsOverviewOptions {
  /** Where "See plans" leads in the upgrade state (R1). */
  upgradeHref?: string;
  className?: string;
}

/**
 * Every session of a period with its link, where it comes from and any warning
 * (R15, R17), filterable by staff member and service, with a way into the
 * `SessionLinkEditor`. Only the rows in view are in the DOM, so 10,000 sessions
 * scroll as smoothly as 10. Root attribute: `data-state`.
 */
export function SessionsOverview({ upgradeHref, className, ...options }: SessionsOverviewProps) {
  const c = useSessionsOverview(options);
  return (
    <SessionsOverviewRoot value={c} className={className}>
      <SessionsOverviewTitle />
      <SessionsOverviewGate upgradeHref={upgradeHref}>
        <SessionsOverviewFilters />
        <SessionsOverviewEmpty />
        <SessionsOverviewTable />
        <SessionsOverviewEditDialog />
      </SessionsOverviewGate>
    </SessionsOverviewRoot>
  );
}
