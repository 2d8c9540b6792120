import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as zoomHttp from '../../src/providers/zoom';
import { generateTokenKey, readZoomSettings, ZoomConfigError } from '../../src/providers/zoom';

const good = {
  ZOOM_CLIENT_ID: 'id',
  ZOOM_CLIENT_SECRET: 'secret',
  ZOOM_REDIRECT_URI: 'https://studio.example/api/session-links/zoom/callback',
  ZOOM_WEBHOOK_SECRET_TOKEN: 'whsec',
  SESSION_LINKS_TOKEN_KEY: generateTokenKey(),
};

describe('Zoom configuration', () => {
  it('reads the variables, with Zoom’s real endpoints as defaults', () => {
    expect(readZoomSettings(good)).toMatchObject({ clientId: 'id', oauthBase: 'https://zoom.us', apiBase: 'https://api.zoom.us/v2' });
    expect(readZoomSettings({ ...good, ZOOM_OAUTH_BASE: 'http://127.0.0.1:4010', ZOOM_API_BASE: 'http://127.0.0.1:4010/v2' }).apiBase).toBe(
      'http://127.0.0.1:4010/v2',
    );
  });

  it('refuses to start without a variable, naming it', () => {
    for (const name of Object.keys(good)) {
      const env: Record<string, string | undefined> = { ...good, [name]: undefined };
      expect(() => readZoomSettings(env)).toThrow(new ZoomConfigError(`${name} is required`));
    }
  });

  it('refuses a malformed key or an insecure base, naming the variable', () => {
    expect(() => readZoomSettings({ ...good, SESSION_LINKS_TOKEN_KEY: 'c2hvcnQ=' })).toThrow(
      /^SESSION_LINKS_TOKEN_KEY must be 32 bytes, base64/,
    );
    expect(() => readZoomSettings({ ...good, ZOOM_API_BASE: 'http://api.zoom.example/v2' })).toThrow(/^ZOOM_API_BASE must use https/);
    expect(() => readZoomSettings({ ...good, ZOOM_REDIRECT_URI: 'not a url' })).toThrow(/^ZOOM_REDIRECT_URI must be an absolute URL/);
  });
});

describe('providers/zoom entry', () => {
  it('is runtime-neutral: nothing it exports imports node: modules (the fakes live in ../fakes)', () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/providers/zoom');
    const index = readFileSync(path.join(dir, 'index.ts'), 'utf8');
    const modules = [...index.matchAll(/from '(\.\.?\/[\w/-]+)'/g)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(3);
    expect(modules.filter((m) => m.includes('fake'))).toEqual([]);
    for (const name of modules) {
      const source = readFileSync(path.join(dir, `${name}.ts`), 'utf8');
      expect(source, name).not.toMatch(/from 'node:|require\(|from '(http|crypto|fs|net)'/);
    }
    expect(Object.keys(zoomHttp)).toEqual(
      expect.arrayContaining(['createZoomClient', 'createTokenManager', 'verifyZoomWebhook', 'createTokenCipher']),
    );
  });
});
