import { describe, expect, it } from 'vitest';
import rule from '../../rules/registry-unreachable.js';
import type { Lookup, RegistryFacts } from '../../src/model/registry.js';
import { at, imageUse, located, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, digest, indexOf, summarize } from '../support/tag-facts.js';

const APP = 'registry.example.com/acme/app';
const API = 'registry.example.com/acme/api';

describe('registry-unreachable', () => {
  it('is silent when every question was answered, found or not', () => {
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true }), imageUse('nginx:1.25', at('deploy/app.yaml', 12, 16))],
      registry: registryFacts({ [APP]: { 'v1.2.3': indexOf('a', 'linux/amd64') } }),
    });
    expect(check(rule, model)).toEqual([]);
  });

  it('reports one finding per host and cause, naming both and the images not checked', () => {
    const model = testModel({
      release: release('v1.2.3'),
      config: testConfig({ components: [located(API, '.tagcheck.yaml', 3, 5)] }),
      ownRepositories: [API, APP],
      componentRepositories: [API],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
      registry: registryFacts({}, { 'registry.example.com': 'connection refused (ECONNREFUSED 127.0.0.1:443)' }),
    });
    const findings = check(rule, model);
    expect(summarize(findings)).toEqual([{ ruleId: 'registry-unreachable', at: '.tagcheck.yaml:3:5', image: API }]);
    expect(findings[0].message).toBe(
      'registry registry.example.com could not be asked: connection refused (ECONNREFUSED 127.0.0.1:443) (not checked: registry.example.com/acme/api, registry.example.com/acme/app)',
    );
  });

  it('reports different causes separately, including one tag that failed after its list was read', () => {
    const unreachable = (host: string, reason: string): Lookup<never> => ({ status: 'unreachable', host, reason });
    const registry: RegistryFacts = {
      tagList: (r) => (r === APP ? { status: 'found', value: ['v1.2.3', 'latest'] } : undefined),
      tag: (r, t) => {
        if (r === APP && t === 'latest') return unreachable('registry.example.com', 'HTTP 503 Service Unavailable after 3 attempts');
        if (r === APP) return { status: 'found', value: indexOf('a', 'linux/amd64') };
        if (r === 'quay.io/prometheus/node-exporter') return unreachable('quay.io', 'DNS: getaddrinfo ENOTFOUND quay.io');
        return undefined;
      },
    };
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [
        imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true }),
        imageUse('quay.io/prometheus/node-exporter:v1.8.0', at('deploy/exporter.yaml', 20, 18)),
        imageUse('quay.io/prometheus/node-exporter:v1.8.0', at('deploy/exporter-b.yaml', 20, 18)),
      ],
      registry,
    });
    const findings = check(rule, model);
    expect(summarize(findings)).toEqual([
      { ruleId: 'registry-unreachable', at: 'deploy/app.yaml:7:16', image: APP },
      { ruleId: 'registry-unreachable', at: 'deploy/exporter-b.yaml:20:18', image: 'quay.io/prometheus/node-exporter' },
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'registry registry.example.com could not be asked: HTTP 503 Service Unavailable after 3 attempts (not checked: registry.example.com/acme/app)',
      'registry quay.io could not be asked: DNS: getaddrinfo ENOTFOUND quay.io (not checked: quay.io/prometheus/node-exporter)',
    ]);
  });

  it('treats the same HTTP status on different paths of one host as one cause', () => {
    const registry: RegistryFacts = {
      tagList: (r) => ({ status: 'unreachable', host: 'registry.example.com', reason: `HTTP 500 for /v2/${r.slice(21)}/tags/list after 3 attempts` }),
      tag: () => undefined,
    };
    const model = testModel({ release: release('v1.2.3'), ownRepositories: [API, APP], registry });
    const findings = check(rule, model);
    expect(findings.map((f) => f.message)).toEqual([
      'registry registry.example.com could not be asked: HTTP 500 for /v2/acme/api/tags/list after 3 attempts (not checked: registry.example.com/acme/api, registry.example.com/acme/app)',
    ]);
  });

  it('reports a signature or attestation question that could not be asked (require:), for the index or a platform manifest', () => {
    const index = { ...indexOf('a', 'linux/amd64'), entries: [{ digest: digest('a/amd64'), platform: { os: 'linux', architecture: 'amd64' } }] };
    const fault = { status: 'unreachable' as const, host: 'registry.example.com', reason: 'HTTP 500 for /v2/acme/app/referrers/sha256:…' };
    const model = testModel({
      release: release('v1.2.3'),
      ownRepositories: [APP],
      imageUses: [imageUse(`${APP}:v1.2.3`, at('deploy/app.yaml', 7, 16), { own: true })],
      registry: registryFacts({ [APP]: { 'v1.2.3': index } }, {}, { [APP]: { [digest('a/amd64')]: { digest: digest('a/amd64'), signatures: [], attestations: [], looked: [], fault } } }),
    });
    expect(check(rule, model).map((f) => f.message)).toEqual([`registry registry.example.com could not be asked: ${fault.reason} (not checked: ${APP})`]);
  });

  it('does nothing when the registry was not asked (offline)', () => {
    expect(check(rule, testModel({ ownRepositories: [APP] }))).toEqual([]);
  });
});
