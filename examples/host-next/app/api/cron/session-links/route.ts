import { sessionLinks } from '../../../../lib/session-links';

// One bounded meeting-worker pass, for serverless hosts (Vercel Cron sends
// `Authorization: Bearer $CRON_SECRET`). Where `next start` keeps a process, the worker
// already runs inside it and this route is not needed.
export const GET = sessionLinks.cron;
