export { SessionsOverview, type SessionsOverviewProps } from './sessions-overview';
export {
  SessionsOverviewCount,
  SessionsOverviewEditDialog,
  type SessionsOverviewEditDialogProps,
  SessionsOverviewFilters,
  SessionsOverviewRoot,
  type SessionsOverviewRootProps,
  SessionsOverviewRow,
  type SessionsOverviewRowProps,
  SessionsOverviewServiceFilter,
  SessionsOverviewStaffFilter,
  SessionsOverviewStatus,
  type SessionsOverviewStatusProps,
  SessionsOverviewTable,
  SessionsOverviewTitle,
  type SessionsOverviewTitleProps,
  useSessionsOverviewContext,
} from './sessions-overview-parts';
export {
  type SessionsOverviewController,
  type SessionsOverviewState,
  type UseSessionsOverviewOptions,
  useSessionsOverview,
  withoutForeignHostUrl,
} from './use-sessions-overview';
