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
  syncClientSchema,
  syncStaffSchema,
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

describe("R26: a synced client's e-mail is one mailbox, or the sync body is refused naming the field", () => {
  const client = (email: unknown) => fieldsOf(syncClientSchema, { name: 'Carla Smit', email });
  // 254 characters: the longest address kept.
  const longest = `${'a'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(53)}.example`;

  it('one plain mailbox is kept as it is', () => {
    for (const email of [
      'carla@clients.example',
      'eva.mulder+yoga@example.nl',
      "o'brien@studio.example",
      'zoë@bücher.example',
      'zoe@xn--bcher-kva.example',
      'carla%relay@clients.example',
      'carla!relay@clients.example',
      'carla😀@clients.example',
      `carla@${'d'.repeat(63)}.example`,
      longest,
    ]) {
      expect(client(email), email).toBeNull();
      expect(syncClientSchema.parse({ name: 'Carla Smit', email }).email).toBe(email);
    }
  });

  it.each([
    ['CR/LF and a header', 'carla@clients.example\r\nBcc: spy@evil.example'],
    ['a bare LF', 'carla@clients.example\nspy@evil.example'],
    ['a list with a comma', 'carla@clients.example, spy@evil.example'],
    ['a list with a semicolon', 'carla@clients.example;spy@evil.example'],
    ['a display name', 'Carla <carla@clients.example>'],
    ['angle brackets alone', '<carla@clients.example>'],
    ['a group', 'friends: carla@clients.example;'],
    ['a comment', 'carla@clients.example (Carla)'],
    ['a quoted local part', '"carla smit"@clients.example'],
    ['a NUL', 'carla@clients.example\u0000'],
    ['a lone surrogate', 'carla\ud800@clients.example'],
    ['a tab', 'carla\t@clients.example'],
    ['a space', 'carla smit@clients.example'],
    ['leading whitespace', ' carla@clients.example'],
    ['a no-break space', 'carla\u00a0@clients.example'],
    ['a bidirectional control', 'carla\u202e@clients.example'],
    ['a zero-width space', 'carla\u200b@clients.example'],
    ['a DEL', 'carla\u007f@clients.example'],
    ['no @', 'carla.clients.example'],
    ['two @', 'carla@spy@clients.example'],
    ['an empty local part', '@clients.example'],
    ['an empty domain', 'carla@'],
    ['a domain without a dot', 'carla@localhost'],
    ['a domain ending in a dot', 'carla@clients.example.'],
    ['a doubled dot', 'carla@clients..example'],
    ['a local part starting with a dot', '.carla@clients.example'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@clients.example`],
    ['an empty address', ''],
    // The domain is a host name (RFC 5321, 6531): it reaches a calendar's `mailto:` and a mailer's RCPT TO.
    ['a query after the domain', 'carla@clients.example?cc=spy'],
    ['an encoded CR/LF after the domain', 'carla@clients.example%0d%0aBcc'],
    ['a slash in the domain', 'carla@clients/x.example'],
    ['a hash in the domain', 'carla@clients#x.example'],
    ['an underscore in the domain', 'carla@clients_x.example'],
    ['an emoji domain', 'carla@😀.example'],
    ['a domain label over 63 characters', `carla@${'d'.repeat(64)}.example`],
    ['a domain label starting with a hyphen', 'carla@-clients.example'],
    ['a domain label ending with a hyphen', 'carla@clients-.example'],
    ['a domain label starting with a combining mark', 'carla@clients.\u0301example'],
  ])('%s: email.invalid', (_what, email) => {
    expect(client(email)).toEqual(['email:email.invalid']);
  });

  it('over 254 characters: email.tooLong', () => {
    expect(longest).toHaveLength(254);
    expect(client(`${longest}x`)).toEqual(['email:email.tooLong']);
    expect(client(`carla@${'d'.repeat(5000)}.example`)).toEqual(['email:email.tooLong']);
  });

  it('not a string: refused', () => {
    for (const email of [null, 42, ['carla@clients.example'], { address: 'carla@clients.example' }]) {
      expect(client(email), JSON.stringify(email)).not.toBeNull();
    }
  });
});

describe("R26, R28: a synced staff member's e-mail is one mailbox or empty (the invite's organiser)", () => {
  const staff = (email: unknown) => fieldsOf(syncStaffSchema, { name: 'Anna de Vries', email });

  it('one mailbox, or none, is kept', () => {
    for (const email of ['anna@studio.example', '']) expect(staff(email), email).toBeNull();
  });

  it.each([
    ['CR/LF and a header', 'anna@studio.example\r\nBcc: spy@evil.example'],
    ['a list', 'anna@studio.example, spy@evil.example'],
    ['a display name', 'Anna <anna@studio.example>'],
    ['a NUL', 'anna@studio.example\u0000'],
    ['no @', 'anna'],
  ])('%s: email.invalid', (_what, email) => {
    expect(staff(email)).toEqual(['email:email.invalid']);
  });

  it('over 254 characters: email.tooLong', () => {
    expect(staff(`anna@${'d'.repeat(260)}.example`)).toEqual(['email:email.tooLong']);
  });
});
