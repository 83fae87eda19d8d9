import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A key pair and a self-signed x509 certificate made by the openssl CLI, as PEM text and files. */
export interface SelfSignedCertificate {
  keyFile: string;
  certFile: string;
  keyPem: string;
  certPem: string;
  /** the certificate's DER bytes, base64 (what a JWT `x5c` header carries) */
  certDerBase64: string;
}

/**
 * Makes an RSA key and a self-signed certificate in `dir`. `altNames` become subjectAltName entries
 * (`IP:127.0.0.1`, `DNS:localhost`) so a TLS server can present it for loopback addresses.
 */
export function makeSelfSignedCertificate(dir: string, name: string, commonName: string, altNames: string[] = []): SelfSignedCertificate {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${commonName}`];
  if (altNames.length > 0) args.push('-addext', `subjectAltName=${altNames.join(',')}`);
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const certPem = readFileSync(certFile, 'utf8');
  const der = execFileSync('openssl', ['x509', '-in', certFile, '-outform', 'DER']);
  return { keyFile, certFile, keyPem: readFileSync(keyFile, 'utf8'), certPem, certDerBase64: der.toString('base64') };
}
