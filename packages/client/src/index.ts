export { ApiError, type ApiErrorReason, isApiError, isClientError } from './api-error';
export {
  type CallOptions,
  type ClientOptions,
  createClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type RouteMethods,
  type SessionLinksClient,
} from './client';
