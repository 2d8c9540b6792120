import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customLinkSchema, customLinkWarnings, hostKind, linkHost, linkHostWarning, recognizeProvider } from '../src';

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
    ['https://user:pw@example.com', 'url:url.userInfo'],
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

const BIDI_CONTROLS = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u034f', '\u2061', '\ufe0f', '\u{e0041}'];

describe('customLinkSchema (R21): links say where they go', () => {
  it.each([
    [' HTTPS://Meet.Google.COM/abc ', 'https://meet.google.com/abc'],
    ['https://x.example', 'https://x.example/'],
    ['https://zoom.us:443/j/1', 'https://zoom.us/j/1'],
    ['http://whereby.com:80/room', 'http://whereby.com/room'],
    ['https://bücher.example/raum', 'https://xn--bcher-kva.example/raum'],
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://example.com/room?x="><img>', 'https://example.com/room?x=%22%3E%3Cimg%3E'],
    ['https://example.com/ruimte é', null],
  ])('stores %j as %j', (url, stored) => {
    const r = customLinkSchema.safeParse({ url });
    expect(r.success ? r.data.url : null).toBe(stored);
  });

  it.each<[string, string]>([
    ...BIDI_CONTROLS.map((c) => [`https://example.com/${c}gnp.exe`, 'url:url.invisible'] as [string, string]),
    ...INVISIBLES.map((c) => [`https://zo${c}om.us/j/1`, 'url:url.invisible'] as [string, string]),
    ['https://zo%C2%ADom.us/j/1', 'url:url.invisible'],
    ['https://example.com/%E2%80%AEgnp.exe', 'url:url.invisible'],
    ['https://a.aa/%F3%A0%80%80', 'url:url.invisible'],
    ['https://example.com\\@evil.example', 'url:url.backslash'],
    ['https:\\\\evil.example', 'url:url.backslash'],
    ['https://zoom.us@evil.example/j/1', 'url:url.userInfo'],
    ['https://@evil.example/', 'url:url.userInfo'],
    ['https://:@evil.example/', 'url:url.userInfo'],
    ['https://user@evil.example/', 'url:url.userInfo'],
  ])('refuses %j with %s', (url, error) => {
    expect(errorOf({ url })).toEqual([error]);
  });

  it.each([
    // loopback, in every spelling WHATWG accepts
    'http://127.0.0.1/',
    'http://127.1.2.3/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://127.1/',
    'http://0/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::127.0.0.1]/',
    // IPv6 spellings that carry a loopback IPv4 address (R21)
    'http://[::ffff:0:7f00:1]/',
    'http://[::ffff:0:127.0.0.1]/',
    'http://[0:0:0:0:ffff:0:7f00:1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[64:ff9b:1::7f00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[2002:7f00:1:1::1]/',
    'http://[2001:4860::5efe:7f00:1]/',
    'http://localhost/',
    'http://LOCALHOST./',
    'http://localhost:3000/',
    'http://app.localhost/',
    // private
    'https://10.0.0.1/',
    'https://10.255.255.255/',
    'https://0xa.1/',
    'https://172.16.0.1/',
    'https://172.31.255.255/',
    'https://192.168.1.1/',
    'https://3232235777/',
    'https://100.64.0.1/',
    'https://[fc00::1]/',
    'https://[fd12:3456::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://[::ffff:c0a8:101]/',
    'https://[2002:c0a8:101::1]/',
    'https://[::ffff:0:a00:1]/',
    'https://[64:ff9b::a00:1]/',
    'https://[2002:a00:1::]/',
    // tunnels and ranges that are nowhere on the internet
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
    'https://[2001:db8::1]/',
    'https://[100::1]/',
    'https://intranet/',
    'https://printer.local/',
    'https://db.internal/',
    // link-local
    'https://169.254.1.1/',
    'https://[fe80::1]/',
    'https://[febf::1]/',
    // cloud metadata
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xa9fea9fe/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:a9fe:a9fe::]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA.google.internal./',
    'http://[fd00:ec2::254]/',
    // multicast, broadcast
    'https://224.0.0.1/',
    'https://255.255.255.255/',
  ])('refuses the non-public host of %s', (url) => {
    expect(errorOf({ url })).toEqual(['url:url.privateHost']);
  });

  it.each([
    'https://8.8.8.8/',
    'https://172.15.255.255/',
    'https://172.32.0.1/',
    'https://192.169.0.1/',
    'https://11.0.0.1/',
    'https://[2001:4860:4860::8888]/',
    'https://[::ffff:8.8.8.8]/',
    'https://[::ffff:0:808:808]/',
    'https://[64:ff9b::808:808]/',
    'https://[2002:808:808::1]/',
    'https://localhost.example/',
    'https://mylocalhost.com/',
  ])('accepts the public host of %s', (url) => {
    expect(errorOf({ url })).toBeNull();
  });

  it('names the kind of a non-public host', () => {
    expect(hostKind('127.0.0.1')).toBe('loopback');
    expect(hostKind('[::1]')).toBe('loopback');
    expect(hostKind('10.1.2.3')).toBe('private');
    expect(hostKind('[fd00::1]')).toBe('private');
    expect(hostKind('169.254.3.4')).toBe('link-local');
    expect(hostKind('[fe80::1]')).toBe('link-local');
    expect(hostKind('169.254.169.254')).toBe('metadata');
    expect(hostKind('[fd00:ec2::254]')).toBe('metadata');
    expect(hostKind('metadata.google.internal')).toBe('metadata');
    expect(hostKind('meet.google.com')).toBe('public');
  });

  it('refuses bidi controls in the password and the description, and keeps the other rules', () => {
    for (const c of BIDI_CONTROLS) {
      expect(errorOf({ url: 'https://x.example', password: `abc${c}123` })).toEqual(['password:password.bidi']);
      expect(errorOf({ url: 'https://x.example', description: `Room ${c}4` })).toEqual(['description:description.bidi']);
    }
    expect(errorOf({ url: 'https://x.example', password: 'wachtwoord', description: 'Kamer 4\nCamera aan, graag.' })).toBeNull();
    expect(errorOf({ url: 'https://x.example', description: 'bell\u0007' })).toEqual(['description:description.invalid']);
  });

  it('property: the stored URL is its own normalised form, free of hidden characters, on a public host', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), fc.string()),
        (url) => {
          const r = customLinkSchema.safeParse({ url });
          if (!r.success) return true;
          const stored = r.data.url;
          const parsed = new URL(stored);
          return (
            parsed.href === stored &&
            customLinkSchema.parse({ url: stored }).url === stored &&
            !/[\p{Default_Ignorable_Code_Point}\p{Cf}\\]/u.test(stored) &&
            parsed.username === '' &&
            hostKind(parsed.hostname) === 'public'
          );
        },
      ),
      { numRuns: 500 },
    );
  }, 30_000);

  it('property: one invisible or bidi character anywhere in an accepted URL gets it refused', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }),
        fc.constantFrom(...BIDI_CONTROLS, ...INVISIBLES),
        fc.nat(),
        (url, c, at) => {
          fc.pre(customLinkSchema.safeParse({ url }).success);
          const i = 8 + (at % (url.length - 8));
          return errorOf({ url: url.slice(0, i) + c + url.slice(i) })?.[0] === 'url:url.invisible';
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);

  it('property: every address of 127/8, 10/8, 169.254/16 and 192.168/16 is refused in decimal, hex, octal, IPv4-mapped, IPv4-translated, NAT64 and 6to4 form', () => {
    fc.assert(
      fc.property(fc.constantFrom(0x7f000000, 0x0a000000, 0xa9fe0000, 0xc0a80000), fc.nat(0xffff), (base, low) => {
        const n = (base + low) >>> 0;
        const octets = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
        const spellings = [
          String(n),
          `0x${n.toString(16)}`,
          octets.map((o) => `0${o.toString(8)}`).join('.'),
          octets.join('.'),
          `[::ffff:${octets.join('.')}]`,
          `[::ffff:0:${octets.join('.')}]`,
          `[64:ff9b::${octets.join('.')}]`,
          `[2002:${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}::]`,
        ];
        return spellings.every((host) => errorOf({ url: `https://${host}/room` })?.[0] === 'url:url.privateHost');
      }),
      { numRuns: 300 },
    );
  });
});

describe('linkHostWarning (R21): hosts that imitate a provider', () => {
  it.each([
    ['https://zoom.us\u2215evil.example/j/1', 'zoom.xn--usevil-qe3c.example', 'zoom'],
    ['https://zoom.us.evil.example/j/1', 'zoom.us.evil.example', 'zoom'],
    ['https://evilzoom.us/j/1', 'evilzoom.us', 'zoom'],
    ['https://zoom-meeting.example/j/1', 'zoom-meeting.example', 'zoom'],
    ['https://z\u043e\u043em.us/j/1', 'xn--zm-fmca.us', 'zoom'],
    ['https://meet-google.com/abc', 'meet-google.com', 'google-meet'],
    ['https://meet.google.com.evil.example/abc', 'meet.google.com.evil.example', 'google-meet'],
    ['https://googlemeet.io/abc', 'googlemeet.io', 'google-meet'],
    ['https://teams-microsoft.com/l/1', 'teams-microsoft.com', 'teams'],
    ['https://webex.com.evil.example/', 'webex.com.evil.example', 'webex'],
    ['https://whereby.co/room', 'whereby.co', 'whereby'],
  ])('%s goes to %s, imitating %s', (url, host, imitates) => {
    expect(linkHostWarning(url)).toMatchObject({ host, imitates });
    // The schema accepts it: the warning lets a person decide.
    expect(errorOf({ url })).toBeNull();
  });
  it.each([
    'https://zoom.us/j/1',
    'https://us02web.zoom.us/j/1',
    'https://meet.google.com/abc',
    'https://example.com/?next=https://zoom.us',
    'https://zoomusic.com/',
    'https://studio.example/room',
    'not a url',
  ])('no warning for %s', (url) => {
    expect(linkHostWarning(url)).toBeNull();
  });
  it('reports the host the browser will contact', () => {
    expect(linkHost('https://Zoom.US.evil.example:443/j')).toBe('zoom.us.evil.example');
    expect(linkHost('https://zoom.us\u2215evil.example/j')).toBe('zoom.xn--usevil-qe3c.example');
    expect(linkHostWarning('https://z\u043e\u043em.us/j/1')?.displayHost).toBe('z\u043e\u043em.us');
  });
});
