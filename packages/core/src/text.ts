import * as z from 'zod/mini';

// NUL and lone (unpaired) UTF-16 surrogates are not text: PostgreSQL refuses both in a
// `text` or `jsonb` value, and a surrogate half has no UTF-8 spelling at all. With the `u`
// flag, `\p{Cs}` matches only an unpaired half (a pair is read as one code point).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const UNSTORABLE = /[\u0000\p{Cs}]/u;
// Ids are keys, not prose: no control character (C0, DEL, C1) at all, no surrogate half.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_AN_ID = /[\u0000-\u001f\u007f-\u009f\p{Cs}]/u;

/** True when `text` can be stored and sent as it is: no NUL, no lone surrogate (R26). */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** True when `text` may be an id: storable and free of control characters (R26). */
export function isIdText(text: string): boolean {
  return !NOT_AN_ID.test(text);
}

/**
 * The one refinement every free-text field carries (R26): NUL or a lone surrogate is
 * refused with `code` (e.g. `password.invalid`), a field error the forms show, instead of
 * reaching the database.
 */
export const storableText = (code: string) => z.refine<string>((value) => isStorableText(value), { error: code });

/** A free-text string: anything but NUL and lone surrogates, refused as `text.invalid`. */
export const textSchema = z.string().check(storableText('text.invalid'));
