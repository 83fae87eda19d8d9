/**
 * Why a registry question could not be answered. The client turns it into
 * `{ status: 'unreachable', host, reason }`; the reason is for people and never holds a credential.
 */
export class RegistryFault extends Error {
  override name = 'RegistryFault';
}

/** Strips user info and secret-looking query values from a URL before it reaches a log line or a reason. */
export function redactUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return '(invalid URL)';
  }
  parsed.username = '';
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (/token|secret|password|passwd|sig|signature|credential|key|auth/i.test(key)) parsed.searchParams.set(key, 'REDACTED');
  }
  return parsed.toString();
}
