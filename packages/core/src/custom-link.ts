import * as z from 'zod/mini';

export const URL_MAX = 2048;
export const PASSWORD_MAX = 128;
export const DESCRIPTION_MAX = 500;

/**
 * Error codes a custom link can fail with. They are codes, not sentences: each
 * widget maps them to a message in the user's language.
 */
export const CUSTOM_LINK_ERRORS = [
  'url.required',
  'url.tooLong',
  'url.invalid',
  'url.scheme',
  'password.tooLong',
  'password.invalid',
  'description.tooLong',
  'description.invalid',
] as const;
export type CustomLinkErrorCode = (typeof CUSTOM_LINK_ERRORS)[number];

// C0 controls, DEL and C1 controls. Browsers strip some of these inside schemes
// ("java\tscript:"), so they are refused outright rather than cleaned up.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Same, but line breaks are allowed in descriptions.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a (trimmed) URL is refused, or null when it is an acceptable link. */
export function checkLinkUrl(url: string): CustomLinkErrorCode | null {
  if (url.length === 0) return 'url.required';
  if (url.length > URL_MAX) return 'url.tooLong';
  if (CONTROL.test(url) || /\s/.test(url)) return 'url.invalid';
  // The scheme is checked on the raw text as well as on the parsed URL, so no
  // spelling ("JavaScript:", "javascript&colon;", "//evil") slips through.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'url.invalid';
  if (scheme !== 'https' && scheme !== 'http') return 'url.scheme';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url.invalid';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'url.scheme';
  if (!/^https?:\/\/[^/]/i.test(url) || parsed.hostname === '' || parsed.username || parsed.password) {
    return 'url.invalid';
  }
  return null;
}

/** Warnings that do not block a save, shown next to the field. */
export type CustomLinkWarning = 'url.insecure';
export function customLinkWarnings(url: string): CustomLinkWarning[] {
  return /^http:/i.test(url.trim()) && checkLinkUrl(url.trim()) === null ? ['url.insecure'] : [];
}

const optionalText = (max: number, tooLong: CustomLinkErrorCode, invalid: CustomLinkErrorCode, control: RegExp) =>
  z.optional(
    z.pipe(
      z.string().check(
        z.trim(),
        z.maxLength(max, { error: tooLong }),
        z.refine((value) => !control.test(value), { error: invalid }),
      ),
      // An empty optional field means "none": it is stored as absent, never as "".
      z.transform((value: string) => (value === '' ? undefined : value)),
    ),
  );

/**
 * A custom video-conferencing link as typed into a form or sent to the API (R11).
 * Input: `{ url, password?, description? }` with raw strings; output: trimmed, with
 * empty optional fields removed.
 */
export const customLinkSchema = z.object({
  url: z.string({ error: 'url.required' }).check(
    z.trim(),
    z.superRefine((url, ctx) => {
      const code = checkLinkUrl(url);
      if (code) ctx.addIssue({ code: 'custom', message: code, input: url });
    }),
  ),
  password: optionalText(PASSWORD_MAX, 'password.tooLong', 'password.invalid', CONTROL),
  description: optionalText(DESCRIPTION_MAX, 'description.tooLong', 'description.invalid', CONTROL_EXCEPT_NEWLINE),
});
export type CustomLinkInput = z.input<typeof customLinkSchema>;
export type CustomLink = z.output<typeof customLinkSchema>;

/** True when `url` is safe to put in an `href`: absolute http(s) and nothing else. */
export function isSafeHref(url: string): boolean {
  return checkLinkUrl(url) === null;
}
