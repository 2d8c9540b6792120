import { describe, expect, it } from 'vitest';
import {
  connectionCompleteSchema,
  customLinkSchema,
  idSchema,
  MAX_SESSION_RANGE_DAYS,
  MAX_VERSION,
  saveTemplateSchema,
  sessionsQuerySchema,
  sessionWindows,
  setCustomLinkSchema,
  versionSchema,
} from '../src';

const fieldsOf = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) => {
  const r = schema.safeParse(input);
  return r.success ? null : (r.error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);
};

const LONE = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', 'x\udc00\ud800y'];

describe('R26: text that cannot be stored is refused at the schema, as a field error', () => {
  it.each(LONE)('a lone surrogate in a custom link password or description (%j)', (bad) => {
    expect(fieldsOf(customLinkSchema, { url: 'https://whereby.com/a', password: `pw${bad}` })).toEqual(['password:password.invalid']);
    expect(fieldsOf(customLinkSchema, { url: 'https://whereby.com/a', description: `Room ${bad}` })).toEqual([
      'description:description.invalid',
    ]);
  });

  it.each(LONE)('a lone surrogate in a custom link URL (%j)', (bad) => {
    expect(fieldsOf(customLinkSchema, { url: `https://whereby.com/a${bad}` })).toEqual(['url:url.invalid']);
  });

  it('a surrogate pair (an emoji) is text and is kept', () => {
    expect(customLinkSchema.parse({ url: 'https://whereby.com/a', password: 'pw😀', description: 'Room 😀' })).toMatchObject({
      password: 'pw😀',
      description: 'Room 😀',
    });
  });

  const template = { subject: 'Booked', body: 'See you', joinOnline: { elements: ['join-link'] }, version: 1 };
  it.each([...LONE, '\u0000'])('a lone surrogate or NUL in a template subject or body (%j)', (bad) => {
    expect(fieldsOf(saveTemplateSchema, { ...template, body: `Hi${bad}there` })).toEqual(['body:body.invalid']);
    // A NUL in the subject is a line break there (email.test.ts): one code per field.
    expect(fieldsOf(saveTemplateSchema, { ...template, subject: `Booked${bad}` })).toEqual([
      bad === '\u0000' ? 'subject:subject.lineBreak' : 'subject:subject.invalid',
    ]);
  });

  it('a NUL, a control character or a lone surrogate in an id', () => {
    for (const bad of ['\u0000', 'site-studio\u0000', 'a\u0001b', 'a\u007fb', 'a\u0085b', 'a\ud800']) {
      expect(idSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(idSchema.safeParse('site-studio').success).toBe(true);
    expect(idSchema.safeParse('ünïcode-😀').success).toBe(true);
  });

  it('a NUL or a lone surrogate in the Zoom state and code', () => {
    const ok = { state: 'a'.repeat(32), code: 'abc', version: 0 };
    expect(connectionCompleteSchema.safeParse(ok).success).toBe(true);
    expect(fieldsOf(connectionCompleteSchema, { ...ok, state: `${'a'.repeat(31)}\u0000` })).toEqual(['state:state.invalid']);
    expect(fieldsOf(connectionCompleteSchema, { ...ok, code: 'ab\ud800' })).toEqual(['code:code.invalid']);
  });
});

describe('R26: numbers outside the stored range', () => {
  it('a version fits the 32-bit column: 2^31 and above are refused on every write body', () => {
    expect(versionSchema.safeParse(MAX_VERSION).success).toBe(true);
    for (const v of [2 ** 31, 2 ** 32, 2 ** 53 - 1]) {
      expect(fieldsOf(versionSchema, v)).toEqual([':version.tooLarge']);
      expect(fieldsOf(setCustomLinkSchema, { link: { url: 'https://whereby.com/a' }, version: v })).toEqual(['version:version.tooLarge']);
    }
  });
});

describe('R26: dates outside a sane range, and the capped session range', () => {
  const range = (from: string, to: string) => fieldsOf(sessionsQuerySchema, { from, to });

  it('year 0000 and other insane instants are refused as from or to', () => {
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '9000-01-01T00:00:00Z',
    ]) {
      const ok = '2030-01-01T00:00:00Z';
      expect(range(bad, ok), bad).toContain('from:date.outOfRange');
      expect(range(ok, bad), bad).toContain('to:date.outOfRange');
    }
  });

  it(`a range longer than ${MAX_SESSION_RANGE_DAYS} days, or ending before it starts, is refused with a field error`, () => {
    expect(range('2030-01-01T00:00:00Z', '2030-03-04T00:00:00Z')).toBeNull(); // 62 days
    expect(range('2030-01-01T00:00:00Z', '2030-03-04T00:00:00.001Z')).toEqual(['to:range.tooLong']);
    expect(range('1990-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual(['to:range.tooLong']);
    expect(range('2030-01-02T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual(['to:range.reversed']);
    expect(range('2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toBeNull();
  });

  it('sessionWindows covers a long period with capped windows, each ending where the next starts', () => {
    const period = { from: '2030-01-01T00:00:00.000Z', to: '2031-01-01T00:00:00.000Z' };
    const windows = sessionWindows(period);
    expect(windows).toHaveLength(6);
    expect(windows[0]?.from).toBe(period.from);
    expect(windows.at(-1)?.to).toBe(period.to);
    windows.forEach((w, i) => {
      expect(sessionsQuerySchema.safeParse(w).success).toBe(true);
      if (i > 0) expect(w.from).toBe(windows[i - 1]?.to);
    });
    const short = { from: '2030-01-01T00:00:00+01:00', to: '2030-02-01T00:00:00+01:00' };
    expect(sessionWindows(short)).toEqual([short]);
  });
});
