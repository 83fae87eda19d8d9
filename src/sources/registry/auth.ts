import type { Credential } from './credentials.js';
import { RegistryFault } from './fault.js';

/** A parsed `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`. */
export interface Challenge {
  scheme: 'bearer' | 'basic';
  params: Record<string, string>;
}

export function parseChallenge(header: string | string[] | undefined): Challenge | null {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return null;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(text);
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  if (scheme !== 'bearer' && scheme !== 'basic') return null;
  const params: Record<string, string> = {};
  const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  param.lastIndex = 0;
  const rest = match[2];
  let m: RegExpExecArray | null;
  while (param.lastIndex < rest.length && (m = param.exec(rest))) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  return { scheme, params };
}

export function basicAuthorization(credential: Extract<Credential, { kind: 'basic' }>): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

/** How to ask a token endpoint for one scope: GET with Basic, or the OAuth2 refresh-token POST for identity tokens. */
export function tokenRequest(challenge: Challenge, scope: string, credential: Credential | null): { url: URL; method: 'GET' | 'POST'; headers: Record<string, string>; body?: string } {
  let url: URL;
  try {
    url = new URL(challenge.params.realm ?? '');
  } catch {
    throw new RegistryFault(`the registry's Bearer challenge has no valid realm URL`);
  }
  const service = challenge.params.service;
  if (credential?.kind === 'identity-token') {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.token, client_id: 'tagcheck', scope });
    if (service) form.set('service', service);
    return { url, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  if (service) url.searchParams.set('service', service);
  url.searchParams.append('scope', scope);
  const headers: Record<string, string> = credential ? { authorization: basicAuthorization(credential) } : {};
  return { url, method: 'GET', headers };
}

/** Reads `{ token | access_token, expires_in, issued_at }`; the spec's default lifetime is 60 s. */
export function parseTokenResponse(body: Buffer, now: number): { token: string; expiresAt: number } {
  let parsed: { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryFault('the token endpoint answered with invalid JSON');
  }
  if (!parsed || typeof parsed !== 'object') throw new RegistryFault('the token endpoint answered without a token');
  const token = typeof parsed.token === 'string' && parsed.token ? parsed.token : typeof parsed.access_token === 'string' ? parsed.access_token : '';
  if (!token) throw new RegistryFault('the token endpoint answered without a token');
  const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 60;
  const issued = typeof parsed.issued_at === 'string' ? Date.parse(parsed.issued_at) : NaN;
  const start = Number.isFinite(issued) && issued <= now ? issued : now;
  // refresh a little early so a request never leaves with a token that expires on the way
  return { token, expiresAt: start + lifetime * 1000 - Math.min(10_000, lifetime * 100) };
}
