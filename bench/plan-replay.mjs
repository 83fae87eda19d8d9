// A bare client that asks exactly the minimal request plan (per repository: its tag list, then the release
// tag's and `latest`'s manifests), `--concurrency` at a time over keep-alive connections, and nothing else.
// Timed beside tagcheck it shows what the plan costs on this machine right now, registry service time and
// a Node start-up included: the achievable floor, next to the theoretical requests / concurrency × delay.
// Usage: node bench/plan-replay.mjs HOST:PORT CONCURRENCY TAG REPOSITORY...
import { Agent, request } from 'node:http';

const [host, concurrencyText, tag, ...repositories] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const [hostname, port] = [host.slice(0, host.lastIndexOf(':')), Number(host.slice(host.lastIndexOf(':') + 1))];
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, ' +
  'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

let active = 0;
const queue = [];
async function limited(task) {
  if (active >= concurrency) await new Promise((resolve) => queue.push(resolve));
  active++;
  try {
    return await task();
  } finally {
    active--;
    queue.shift()?.();
  }
}

const get = (path, accept) => limited(() => new Promise((resolve, reject) => {
  request({ hostname, port, path, agent, headers: { accept } }, (response) => {
    const chunks = [];
    response.on('data', (c) => chunks.push(c));
    response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${path}: HTTP ${response.statusCode}`))));
  }).on('error', reject).end();
}));

await Promise.all(repositories.map(async (repository) => {
  const { tags } = JSON.parse(await get(`/v2/${repository}/tags/list?n=1000`, 'application/json'));
  await Promise.all([tag, 'latest'].filter((t) => tags.includes(t)).map((t) => get(`/v2/${repository}/manifests/${t}`, ACCEPT)));
}));
agent.destroy();
