import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** One HTTP exchange, fully read (bodies are small JSON documents, and capped). */
export interface HttpResponse {
  /** set when the status was retryable and every attempt got it */
  retriesExhausted?: number;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  url: URL;
}

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** larger bodies are refused (the connection is dropped), not buffered */
  maxBodyBytes: number;
  /** skip certificate verification (an `--insecure-registry` host only) */
  insecureTls: boolean;
}

export type TransportFailure = 'dns' | 'refused' | 'reset' | 'timeout' | 'tls' | 'tls-protocol' | 'too-large' | 'truncated' | 'network';

/** A request that got no complete HTTP answer; `message` is for people and never holds a header value. */
export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Plain node:http(s) with keep-alive agents: no dependency, a hard byte cap while streaming, one timeout
 * covering connect + headers + body, and TLS trust = system CAs plus NODE_EXTRA_CA_CERTS from the run's env
 * (Node reads that variable only at start-up, so a caller-supplied env is honoured here too).
 */
export class Transport {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly insecureHttpsAgent: HttpsAgent;

  constructor(options: { maxSockets: number; extraCaPem?: string }) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, timeout: 30_000 };
    const ca = options.extraCaPem ? [...rootCertificates, options.extraCaPem] : undefined;
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent({ ...agentOptions, ...(ca ? { ca } : {}) });
    this.insecureHttpsAgent = new HttpsAgent({ ...agentOptions, rejectUnauthorized: false });
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const https = req.url.protocol === 'https:';
      const agent = https ? (req.insecureTls ? this.insecureHttpsAgent : this.httpsAgent) : this.httpAgent;
      const send = https ? httpsRequest : httpRequest;
      let settled = false;
      const fail = (error: TransportError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outgoing.destroy();
        reject(error);
      };
      const outgoing = send(req.url, { method: req.method, headers: req.headers, agent });
      const timer = setTimeout(() => fail(new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
      outgoing.on('error', (error) => fail(describeSocketError(error, req.url)));
      outgoing.on('response', (incoming) => {
        const declared = Number(incoming.headers['content-length'] ?? NaN);
        if (declared > req.maxBodyBytes) {
          fail(new TransportError('too-large', `response of ${declared} bytes exceeds the ${formatBytes(req.maxBodyBytes)} cap`));
          return incoming.destroy();
        }
        const chunks: Buffer[] = [];
        let received = 0;
        incoming.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > req.maxBodyBytes) {
            fail(new TransportError('too-large', `response larger than the ${formatBytes(req.maxBodyBytes)} cap`));
            return incoming.destroy();
          }
          chunks.push(chunk);
        });
        incoming.on('aborted', () => fail(new TransportError('truncated', 'the connection closed before the whole response arrived')));
        incoming.on('error', (error) => fail(describeSocketError(error, req.url, 'truncated')));
        incoming.on('end', () => {
          if (settled) return;
          if (!incoming.complete) return fail(new TransportError('truncated', 'the connection closed before the whole response arrived'));
          settled = true;
          clearTimeout(timer);
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks), url: req.url });
        });
      });
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.insecureHttpsAgent.destroy();
  }
}

function describeSocketError(error: Error & { code?: string }, url: URL, midBody?: TransportFailure): TransportError {
  const code = error.code ?? '';
  const where = url.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `DNS lookup failed for ${url.hostname} (${code})`);
  if (code === 'ECONNREFUSED') return new TransportError('refused', `connection refused by ${where}`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new TransportError(midBody ?? 'reset', `connection reset by ${where} (${code})`);
  if (code === 'ETIMEDOUT') return new TransportError('timeout', `connection to ${where} timed out`);
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME/.test(code)) {
    return new TransportError('tls', `TLS certificate of ${where} not trusted: ${error.message} (${code})`);
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL')) return new TransportError('tls-protocol', `TLS handshake with ${where} failed (${code})`);
  if (code === 'ECONNABORTED' || error.message === 'aborted') return new TransportError('truncated', 'the connection closed before the whole response arrived');
  return new TransportError(midBody ?? 'network', `network error talking to ${where}: ${error.message}${code ? ` (${code})` : ''}`);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
}
