import * as oauth from 'oauth4webapi';

/**
 * Random values, and PKCE (R19) from oauth4webapi (WebCrypto only, so this runs in
 * Node and in a browser: the mocks). Random ids and nonces stay our own few lines.
 */

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes, base64url (request ids, nonces, account ids). */
export function randomToken(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return base64url(buffer);
}

/** A PKCE code verifier (R19): oauth4webapi's, 32 random bytes, 43 characters (RFC 7636 allows 43–128). */
export function createCodeVerifier(): string {
  return oauth.generateRandomCodeVerifier();
}

/**
 * The S256 code challenge of a verifier, base64url(SHA-256(verifier)). Not oauth4webapi's
 * `calculatePKCECodeChallenge`: it tests the digest with `instanceof ArrayBuffer`, which fails
 * where WebCrypto's realm is not the page's (the mocks under jsdom, as a host's tests run
 * them) and then throws.
 */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
