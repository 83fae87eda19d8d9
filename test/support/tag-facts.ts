import type { TagFacts } from '../../src/model/registry.js';
import { parsePlatform } from '../../src/model/platform.js';
import type { Finding } from '../../src/model/finding.js';
import type { ReleaseModel } from '../../src/model/release.js';
import type { RuleDefinition } from '../../src/model/rule.js';
import { runRules } from '../../src/engine/run-rules.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** A fake digest that is the same for the same name, so tests say `digest('v1.2.3')` and compare by name. */
export function digest(name: string): string {
  let hex = '';
  for (const char of name) hex += char.charCodeAt(0).toString(16).padStart(4, '0');
  return `sha256:${hex.padEnd(64, '0').slice(0, 64)}`;
}

function platforms(specs: string[]) {
  return specs.map((spec) => {
    const platform = parsePlatform(spec);
    if (!platform) throw new Error(`bad platform ${spec}`);
    return platform;
  });
}

/** A multi-arch index whose digest is `digest(image)`. */
export function indexOf(image: string, ...platformSpecs: string[]): TagFacts {
  return { digest: digest(image), mediaType: OCI_INDEX, isIndex: true, platforms: platforms(platformSpecs) };
}

/** A single-arch image manifest whose digest is `digest(image)`. */
export function singleArch(image: string, platformSpec = 'linux/amd64'): TagFacts {
  return { digest: digest(image), mediaType: OCI_MANIFEST, isIndex: false, platforms: platforms([platformSpec]) };
}

/** Runs one rule over a model, the way the engine does. */
export function check(rule: RuleDefinition, model: ReleaseModel): Finding[] {
  return runRules([rule], model);
}

/** The parts of findings that rule tables compare: rule, place, image, expected, actual. */
export function summarize(findings: Finding[]) {
  return findings.map((f) => ({
    ruleId: f.ruleId,
    at: f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : undefined,
    image: f.image,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
  }));
}
