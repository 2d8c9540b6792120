import { sessionLinks } from '../../../../lib/session-links';

// Every route of the API, the sync API (PUT, DELETE) and Zoom's callback and webhook.
export const GET = sessionLinks.handler;
export const POST = sessionLinks.handler;
export const PUT = sessionLinks.handler;
export const DELETE = sessionLinks.handler;
