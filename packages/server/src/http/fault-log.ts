/**
 * An error as a log line may show it (R26): its class, its SQLSTATE and where it was thrown —
 * never its message or parameters, which for a database error carry what was sent (a link's
 * password, a meeting's join URL). Used by the handler's fault log and the meeting worker's.
 */
export function describeFault(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; stack?: unknown } | null;
  const kind = (e && typeof e === 'object' && (e.constructor?.name || (typeof e.name === 'string' && e.name))) || typeof error;
  const code = e && typeof e === 'object' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? ` SQLSTATE ${e.code}` : '';
  // The stack's frames, without its first line (the message).
  const frames =
    e && typeof e === 'object' && typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .join('\n')
      : '';
  return `${kind}${code}${frames ? `\n${frames}` : ''}`;
}
