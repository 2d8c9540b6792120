export type * from './store/types';
export { MEETING_STATUSES } from './store/types';
