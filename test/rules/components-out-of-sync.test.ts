import { describe, expect, it } from 'vitest';
import rule from '../../rules/components-out-of-sync.js';
import type { TagFacts } from '../../src/model/registry.js';
import type { ReleaseModel } from '../../src/model/release.js';
import { at, imageUse, located, registryFacts, release, testConfig, testModel } from '../support/model.js';
import { check, indexOf, singleArch, summarize } from '../support/tag-facts.js';

const GADGET = 'ghcr.io/acme/gadget';
const EXEC = 'ghcr.io/acme/gadget-trace-exec';
const DNS = 'ghcr.io/acme/gadget-trace-dns';
const image = (name: string) => indexOf(name, 'linux/amd64');

function model(repositories: Record<string, Record<string, TagFacts>>, fields: Partial<ReleaseModel> = {}) {
  return testModel({
    release: release('v1.2.3'),
    config: testConfig({
      images: [located(GADGET, '.tagcheck.yaml', 2, 5)],
      components: [located(EXEC, '.tagcheck.yaml', 4, 5), located(DNS, '.tagcheck.yaml', 5, 5)],
    }),
    ownRepositories: [DNS, EXEC, GADGET],
    componentRepositories: [DNS, EXEC],
    imageUses: [imageUse(`${GADGET}:v1.2.3`, at('deploy/gadget.yaml', 9, 18), { own: true })],
    registry: registryFacts(repositories),
    ...fields,
  });
}

const released = { 'v1.2.2': image('old'), 'v1.2.3': image('new') };
const behind = { 'v1.2.1': image('older'), 'v1.2.2': image('old') };

describe('components-out-of-sync', () => {
  it.each([
    ['every component has the release tag', { [GADGET]: released, [EXEC]: released, [DNS]: { '1.2.3': image('n') } }],
    ['none has it yet (image-missing says so)', { [GADGET]: behind, [EXEC]: behind, [DNS]: behind }],
    ['the lagging one has per-arch tags (manifest-index-missing says so)', { [GADGET]: released, [EXEC]: released, [DNS]: { 'v1.2.3-amd64': singleArch('a') } }],
  ])('is silent when %s', (_name, repositories) => {
    expect(check(rule, model(repositories))).toEqual([]);
  });

  it('reports the two components left at the old release, at their config lines', () => {
    const findings = check(rule, model({ [GADGET]: released, [EXEC]: behind, [DNS]: behind }));
    expect(summarize(findings)).toEqual([
      { ruleId: 'components-out-of-sync', at: '.tagcheck.yaml:5:5', image: DNS, expected: 'v1.2.3', actual: 'v1.2.2' },
      { ruleId: 'components-out-of-sync', at: '.tagcheck.yaml:4:5', image: EXEC, expected: 'v1.2.3', actual: 'v1.2.2' },
    ]);
    expect(findings[1].message).toBe('ghcr.io/acme/gadget-trace-exec has no tag v1.2.3, but ghcr.io/acme/gadget was released at it; it is at v1.2.2');
  });

  it('leaves an image deployed at the release tag to image-missing, and says when a component was never pushed', () => {
    const findings = check(rule, model({ [GADGET]: behind, [EXEC]: released }));
    expect(findings.map((f) => [f.image, f.message])).toEqual([
      [DNS, 'ghcr.io/acme/gadget-trace-dns has no tag v1.2.3, but ghcr.io/acme/gadget-trace-exec was released at it; it does not exist in the registry'],
    ]);
  });

  it('without a release tag, compares the newest stable versions (SemVer, either spelling)', () => {
    const findings = check(
      rule,
      model(
        { [GADGET]: { 'v0.10.0': image('a'), 'v0.10.1-rc.1': image('b') }, [EXEC]: { '0.10.0': image('c') }, [DNS]: { 'v0.9.0': image('d') } },
        { release: null },
      ),
    );
    expect(summarize(findings)).toEqual([{ ruleId: 'components-out-of-sync', at: '.tagcheck.yaml:5:5', image: DNS, expected: 'v0.10.0', actual: 'v0.9.0' }]);
    expect(findings[0].message).toBe('ghcr.io/acme/gadget-trace-dns is at v0.9.0, but ghcr.io/acme/gadget is at v0.10.0');
  });

  it('leaves out components on an unreachable host and needs two reachable ones to compare', () => {
    const registry = registryFacts({ [GADGET]: released, 'quay.io/acme/gadget-trace-exec': behind }, { 'quay.io': 'timeout' });
    const m = model({}, { ownRepositories: [GADGET, 'quay.io/acme/gadget-trace-exec'], componentRepositories: ['quay.io/acme/gadget-trace-exec'], registry });
    expect(check(rule, m)).toEqual([]);
  });
});
