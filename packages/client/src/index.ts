export { ApiError, type ApiErrorReason, isApiError } from './api-error';
export { type CallOptions, type ClientOptions, createClient, type SessionLinksClient } from './client';
