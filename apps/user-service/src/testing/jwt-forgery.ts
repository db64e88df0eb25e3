import { createHmac, sign } from 'node:crypto';

// Hand-made JWTs, so tests can present tokens no well-behaved library would sign: `alg: none`,
// HS256 keyed with the public key, foreign claims.

export type Claims = Record<string, unknown>;

const base64Url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The parts of a compact JWS: header and payload JSON, decoded. */
export function decodeJwt(token: string): { header: Claims; payload: Claims } {
  const [header = '', payload = ''] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}

export function signRs256(claims: Claims, privateKeyPem: string): string {
  const input = `${base64Url({ alg: 'RS256', typ: 'JWT' })}.${base64Url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKeyPem).toString('base64url')}`;
}

/** The classic algorithm-confusion forgery: HMAC keyed with the verifier's public key, which anyone has. */
export function signHs256(claims: Claims, secret: string): string {
  const input = `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function unsigned(claims: Claims): string {
  return `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url(claims)}.`;
}
