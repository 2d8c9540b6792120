import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customLinkSchema, customLinkWarnings, recognizeProvider } from '../src';

const errorOf = (input: unknown) => {
  const r = customLinkSchema.safeParse(input);
  return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('customLinkSchema (R11)', () => {
  it('accepts an https link and trims every field, dropping empty optional ones', () => {
    expect(customLinkSchema.parse({ url: '  https://meet.google.com/abc  ', password: '  ', description: ' Room 4 ' })).toEqual({
      url: 'https://meet.google.com/abc',
      description: 'Room 4',
    });
  });
  it.each([
    ['', 'url:url.required'],
    ['   ', 'url:url.required'],
    ['javascript:alert(1)', 'url:url.scheme'],
    ['JavaScript:alert(1)', 'url:url.scheme'],
    ['  javascript:alert(1)', 'url:url.scheme'],
    ['\u0001javascript:alert(1)', 'url:url.invalid'],
    ['java\tscript:alert(1)', 'url:url.invalid'],
    ['data:text/html,<script>alert(1)</script>', 'url:url.scheme'],
    ['file:///etc/passwd', 'url:url.scheme'],
    ['vbscript:msgbox(1)', 'url:url.scheme'],
    ['ftp://example.com', 'url:url.scheme'],
    ['//evil.example/path', 'url:url.invalid'],
    ['meet.google.com/abc', 'url:url.invalid'],
    ['https://', 'url:url.invalid'],
    ['https:/example.com', 'url:url.invalid'],
    ['https://user:pw@example.com', 'url:url.invalid'],
    ['https://exa mple.com', 'url:url.invalid'],
    [`https://example.com/${'a'.repeat(2048)}`, 'url:url.tooLong'],
  ])('refuses %j with %s', (url, error) => {
    expect(errorOf({ url })).toEqual([error]);
  });
  it('accepts exactly 2,048 characters and http with a warning', () => {
    const url = `https://example.com/${'a'.repeat(2048 - 20)}`;
    expect(url).toHaveLength(2048);
    expect(errorOf({ url })).toBeNull();
    expect(errorOf({ url: 'http://example.com/room' })).toBeNull();
    expect(customLinkWarnings('http://example.com/room')).toEqual(['url.insecure']);
    expect(customLinkWarnings('https://example.com/room')).toEqual([]);
    expect(customLinkWarnings('javascript:alert(1)')).toEqual([]);
  });
  it('limits password to 128 and description to 500 characters', () => {
    expect(errorOf({ url: 'https://x.example', password: 'p'.repeat(128), description: 'd'.repeat(500) })).toBeNull();
    expect(errorOf({ url: 'https://x.example', password: 'p'.repeat(129) })).toEqual(['password:password.tooLong']);
    expect(errorOf({ url: 'https://x.example', description: 'd'.repeat(501) })).toEqual(['description:description.tooLong']);
  });
  it('allows line breaks in a description but not other control characters', () => {
    expect(errorOf({ url: 'https://x.example', description: 'line 1\nline 2' })).toBeNull();
    expect(errorOf({ url: 'https://x.example', description: 'bell\u0007' })).toEqual(['description:description.invalid']);
  });
  it('property: whatever passes has an http(s) scheme and a host', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'javascript', 'data', 'file'] }),
          fc.constantFrom('javascript', 'JAVASCRIPT', 'data', 'vbscript', 'file').chain((s) => fc.string().map((rest) => `${s}:${rest}`)),
        ),
        (url) => {
          const r = customLinkSchema.safeParse({ url });
          if (!r.success) return true;
          const parsed = new URL(r.data.url);
          return (
            (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.length > 0 && /^https?:\/\//i.test(r.data.url)
          );
        },
      ),
      { numRuns: 1000 },
    );
    // Generous: fast-check's runs are CPU-bound and CI machines may be busy.
  }, 120_000); // fc.webUrl is slow to generate: ~0.5 s idle, 45 s seen on a loaded machine.
});

describe('recognizeProvider (R11)', () => {
  it.each([
    ['https://us02web.zoom.us/j/123', 'zoom'],
    ['https://zoom.us/j/1', 'zoom'],
    ['https://meet.google.com/abc-defg-hij', 'google-meet'],
    ['https://teams.microsoft.com/l/meetup-join/x', 'teams'],
    ['https://teams.live.com/meet/1', 'teams'],
    ['https://acme.webex.com/meet/jo', 'webex'],
    ['https://join.skype.com/abc', 'skype'],
    ['https://meet.goto.com/123', 'goto'],
    ['https://global.gotomeeting.com/join/1', 'goto'],
    ['https://whereby.com/room', 'whereby'],
    ['https://zoom.us.evil.example/j/1', 'other'],
    ['https://evilzoom.us/j/1', 'other'],
    ['https://meet.google.com.evil.example/', 'other'],
    ['https://example.com/?next=https://zoom.us', 'other'],
    ['not a url', 'other'],
    ['HTTPS://MEET.GOOGLE.COM/ABC', 'google-meet'],
  ])('%s → %s', (url, provider) => {
    expect(recognizeProvider(url)).toBe(provider);
  });
});
