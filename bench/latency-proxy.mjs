// A TCP proxy that adds a fixed delay to every response: bytes from the client go upstream at once, bytes
// coming back are held `delay` ms (in order) before the client sees them. One response is one round of
// upstream data, so each HTTP response arrives `delay` ms late, as over a WAN link to a registry.
// Usage: node bench/latency-proxy.mjs --target HOST:PORT [--listen PORT] [--delay MS]
// Prints `listening HOST:PORT` on stdout once it accepts connections.
import { createServer, connect } from 'node:net';
import { pathToFileURL } from 'node:url';

/** Starts the proxy; resolves { port, stats(), close() }. */
export function startLatencyProxy({ targetHost, targetPort, delayMs = 20, listenPort = 0, host = '127.0.0.1' }) {
  const sockets = new Set();
  // How the client used its connections: total opened and the most open at once.
  const stats = { connections: 0, open: 0, peakOpen: 0 };
  const server = createServer((client) => {
    stats.connections++;
    stats.peakOpen = Math.max(stats.peakOpen, ++stats.open);
    client.once('close', () => stats.open--);
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk) => upstream.write(chunk));
    client.on('end', () => upstream.end());
    // Timers with equal delays fire in insertion order, so the byte stream stays ordered.
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    upstream.on('end', () => setTimeout(() => client.end(), delayMs));
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', () => setTimeout(drop, delayMs));
    upstream.on('close', () => setTimeout(drop, delayMs + 1));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => {
      resolve({
        port: server.address().port,
        stats: () => ({ ...stats }),
        resetStats: () => Object.assign(stats, { connections: 0, peakOpen: stats.open }),
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
  };
  const target = option('--target');
  if (!target) {
    console.error('usage: node bench/latency-proxy.mjs --target HOST:PORT [--listen PORT] [--delay MS]');
    process.exit(2);
  }
  const [targetHost, targetPort] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const proxy = await startLatencyProxy({
    targetHost,
    targetPort,
    delayMs: Number(option('--delay', '20')),
    listenPort: Number(option('--listen', '0')),
  });
  console.log(`listening 127.0.0.1:${proxy.port}`);
  // `stats` on stdin: one JSON line with the connection counts, then they restart from zero.
  process.stdin.setEncoding('utf8').on('data', (text) => {
    if (!text.includes('stats')) return;
    const now = proxy.stats();
    console.log(`stats ${JSON.stringify({ connections: now.connections, peakOpen: now.peakOpen })}`);
    proxy.resetStats();
  });
}
