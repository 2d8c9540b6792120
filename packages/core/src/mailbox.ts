import * as z from 'zod/mini';

/** At most this many characters in an address (RFC 5321's path limit less the brackets). */
export const MAILBOX_MAX = 254;
/** At most this many characters before the `@` (RFC 5321). */
export const MAILBOX_LOCAL_MAX = 64;

// One part of an address: no whitespace, no control, format or surrogate character (a CR/LF
// would be a header in a mailer, a NUL cannot be stored), and none of the characters that make
// a display name, a group, a list, a quoted string or a comment (`Carla <c@x>`, `a@x, b@y`).
const ATOM = /^[^\s\p{C}@<>()[\]\\,;:"]+$/u;
const dotted = (part: string) => part.split('.').every((piece) => piece !== '' && ATOM.test(piece));
// One label of the domain: a host name's (RFC 5321; letters of any script, RFC 6531), at most 63
// characters, starting with a letter or digit and not ending with a hyphen. No `?`, `/`, `#`, `%`
// or `_`: the domain reaches a calendar's `mailto:` URI and a mailer's RCPT TO.
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
const hostName = (domain: string) => domain.split('.').every((label) => LABEL.test(label));

/**
 * Whether `address` is one mailbox (an RFC 5322 `addr-spec` without quoting or comments):
 * `local@domain`, exactly one `@`, a local part of at most 64 characters and a domain with at
 * least one dot whose labels are host names' (letters, digits, inner hyphens; at most 63 each)
 * — neither part starting, ending nor doubling a dot. Length (254) is `mailboxSchema`'s
 * own check.
 */
export function isMailbox(address: string): boolean {
  const at = address.indexOf('@');
  if (at < 0 || at !== address.lastIndexOf('@')) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= MAILBOX_LOCAL_MAX && dotted(local) && domain.includes('.') && hostName(domain);
}

/**
 * A client's e-mail address as the host syncs it (R26, R29): one mailbox, at most 254
 * characters, refused as `email.tooLong` / `email.invalid` (422 VALIDATION naming the field)
 * before anything is written. Delivery checks again before a transport sees it. (Built in a
 * function marked pure, as the sync schemas are: widgets, which never use it, drop it.)
 */
export const mailboxSchema = /* @__PURE__ */ (() =>
  z.string().check(z.maxLength(MAILBOX_MAX, { error: 'email.tooLong', abort: true }), z.refine(isMailbox, { error: 'email.invalid' })))();

/**
 * A staff member's e-mail address as the host syncs it (R26): one mailbox as `mailboxSchema`
 * says, or empty for a staff member without one. It is the invite's organiser (R28): a list or a
 * CR/LF there would reach a calendar file and a mailer.
 */
export const staffMailboxSchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.maxLength(MAILBOX_MAX, { error: 'email.tooLong', abort: true }),
    z.refine((v) => v === '' || isMailbox(v), { error: 'email.invalid' }),
  ))();
