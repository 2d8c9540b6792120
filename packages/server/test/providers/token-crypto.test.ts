import { describe, expect, it } from 'vitest';
import { createTokenCipher, generateTokenKey, TokenDecryptError, TokenKeyError } from '../../src/providers/tokens';

const TOKEN = 'fz_at_eyJhbGciOiJIUzUxMiJ9.super-secret-access-token';

describe('token crypto (AES-256-GCM, R23)', () => {
  it('round-trips a token for the same account', async () => {
    const cipher = await createTokenCipher(generateTokenKey());
    const sealed = await cipher.encrypt(TOKEN, 'acct-1');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(await cipher.decrypt(sealed, 'acct-1')).toBe(TOKEN);
  });

  it('uses a fresh IV each time and never contains the plaintext', async () => {
    const cipher = await createTokenCipher(generateTokenKey());
    const a = await cipher.encrypt(TOKEN, 'acct-1');
    const b = await cipher.encrypt(TOKEN, 'acct-1');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    for (const sealed of [a, b]) {
      expect(sealed).not.toContain('super-secret');
      expect(sealed).not.toContain(btoa(TOKEN).slice(0, 20));
    }
  });

  it('fails under another key', async () => {
    const sealed = await (await createTokenCipher(generateTokenKey())).encrypt(TOKEN, 'acct-1');
    const other = await createTokenCipher(generateTokenKey());
    await expect(other.decrypt(sealed, 'acct-1')).rejects.toBeInstanceOf(TokenDecryptError);
  });

  it('fails when the ciphertext is tampered with', async () => {
    const cipher = await createTokenCipher(generateTokenKey());
    const sealed = await cipher.encrypt(TOKEN, 'acct-1');
    const [v, iv, body] = sealed.split('.') as [string, string, string];
    const flipped = `${body.slice(0, 5)}${body[5] === 'A' ? 'B' : 'A'}${body.slice(6)}`;
    await expect(cipher.decrypt(`${v}.${iv}.${flipped}`, 'acct-1')).rejects.toBeInstanceOf(TokenDecryptError);
    await expect(cipher.decrypt(`${v}.${iv}.${body.slice(0, -4)}`, 'acct-1')).rejects.toBeInstanceOf(TokenDecryptError);
    await expect(cipher.decrypt(`v2.${iv}.${body}`, 'acct-1')).rejects.toBeInstanceOf(TokenDecryptError);
    await expect(cipher.decrypt('garbage', 'acct-1')).rejects.toBeInstanceOf(TokenDecryptError);
  });

  it('fails when the ciphertext is moved to another account (AAD)', async () => {
    const cipher = await createTokenCipher(generateTokenKey());
    const sealed = await cipher.encrypt(TOKEN, 'acct-1');
    await expect(cipher.decrypt(sealed, 'acct-2')).rejects.toBeInstanceOf(TokenDecryptError);
  });

  it('refuses a missing or malformed key, naming the variable', async () => {
    for (const bad of [undefined, '', 'not base64!!', btoa('x'.repeat(16)), btoa('x'.repeat(33))]) {
      await expect(createTokenCipher(bad)).rejects.toThrow(TokenKeyError);
      await expect(createTokenCipher(bad)).rejects.toThrow('SESSION_LINKS_TOKEN_KEY must be 32 bytes, base64');
    }
    // url-safe base64 of 32 bytes is accepted as well.
    const urlSafe = generateTokenKey().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    await expect(createTokenCipher(urlSafe)).resolves.toBeDefined();
  });
});
