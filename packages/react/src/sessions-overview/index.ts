// A host embedding only this widget imports the provider from here, not the root entry (every widget).
export { SessionLinksProvider, type SessionLinksProviderProps } from '../context/provider';
export { SessionsOverview, type SessionsOverviewProps } from './sessions-overview';
export {
  SessionsOverviewCount,
  SessionsOverviewEditDialog,
  type SessionsOverviewEditDialogProps,
  SessionsOverviewEmpty,
  SessionsOverviewFilters,
  SessionsOverviewGate,
  SessionsOverviewRoot,
  type SessionsOverviewRootProps,
  SessionsOverviewRow,
  type SessionsOverviewRowProps,
  SessionsOverviewServiceFilter,
  SessionsOverviewStaffFilter,
  SessionsOverviewTable,
  SessionsOverviewTitle,
  type SessionsOverviewTitleProps,
  useSessionsOverviewContext,
} from './sessions-overview-parts';
export {
  type SessionsOverviewController,
  type SessionsOverviewState,
  sessionsOverviewMessages,
  type UseSessionsOverviewOptions,
  useSessionsOverview,
  withoutForeignHostUrl,
} from './use-sessions-overview';
