export * from './custom-link';
export * from './email';
export * from './impact';
export * from './permissions';
export * from './preconditions';
export * from './provider';
export * from './resolve';
export * from './schemas';
export { zoomMeetingFor } from './zoom';
