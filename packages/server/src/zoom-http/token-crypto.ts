/**
 * Zoom tokens at rest (R23): AES-256-GCM through WebCrypto, so it runs in Node 20+, edge
 * runtimes and browsers alike (no `node:` imports). The account id is the additional
 * authenticated data: a ciphertext copied onto another account's row does not decrypt.
 *
 * Format: `v1.<iv, base64url>.<ciphertext with its 16-byte tag, base64url>`. The version
 * prefix leaves room for another key or algorithm later without guessing.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export const TOKEN_KEY_ERROR = 'SESSION_LINKS_TOKEN_KEY must be 32 bytes, base64';

/** The configured key is missing or malformed: the server must refuse to start. */
export class TokenKeyError extends Error {
  constructor(detail?: string) {
    super(detail ? `${TOKEN_KEY_ERROR} (${detail})` : TOKEN_KEY_ERROR);
    this.name = 'TokenKeyError';
  }
}

/** A ciphertext that is malformed, tampered with, under another key or bound to another account. */
export class TokenDecryptError extends Error {
  constructor(message = 'stored Zoom token could not be decrypted') {
    super(message);
    this.name = 'TokenDecryptError';
  }
}

export interface TokenCipher {
  encrypt(plaintext: string, accountId: string): Promise<string>;
  /** Throws `TokenDecryptError` on any mismatch. */
  decrypt(ciphertext: string, accountId: string): Promise<string>;
}

/** Imports `SESSION_LINKS_TOKEN_KEY` (32 bytes, standard or url-safe base64). Throws `TokenKeyError`. */
export async function createTokenCipher(keyBase64: string | undefined): Promise<TokenCipher> {
  const raw = decodeKey(keyBase64);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const encoder = new TextEncoder();

  return {
    async encrypt(plaintext, accountId) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(accountId), tagLength: 128 },
        key,
        encoder.encode(plaintext),
      );
      return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async decrypt(ciphertext, accountId) {
      const parts = ciphertext.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION) throw new TokenDecryptError('stored Zoom token has an unknown format');
      const iv = fromBase64Url(parts[1]!);
      const sealed = fromBase64Url(parts[2]!);
      if (!iv || iv.length !== IV_BYTES || !sealed || sealed.length < 16)
        throw new TokenDecryptError('stored Zoom token has an unknown format');
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData: encoder.encode(accountId), tagLength: 128 },
          key,
          sealed,
        );
        return new TextDecoder().decode(plain);
      } catch {
        throw new TokenDecryptError();
      }
    },
  };
}

/** A fresh random key in the configuration format, for set-up instructions and tests. */
export function generateTokenKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/** Checks `SESSION_LINKS_TOKEN_KEY` without importing it (start-up validation). Throws `TokenKeyError`. */
export function assertTokenKey(keyBase64: string | undefined): void {
  decodeKey(keyBase64);
}

function decodeKey(keyBase64: string | undefined): Uint8Array<ArrayBuffer> {
  const text = keyBase64?.trim() ?? '';
  if (!text) throw new TokenKeyError('missing');
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(normalized)) throw new TokenKeyError('not base64');
  const bytes = fromBase64(normalized);
  if (!bytes) throw new TokenKeyError('not base64');
  if (bytes.length !== KEY_BYTES) throw new TokenKeyError(`decodes to ${bytes.length} bytes`);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const padded = text.padEnd(text.length + ((4 - (text.length % 4)) % 4), '=');
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
}
