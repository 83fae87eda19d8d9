import type { TagcheckConfig } from './config.js';
import type { Level, TextEdit } from './finding.js';
import type { Position } from './located.js';
import type { ReleaseModel } from './release.js';

/** `cluster` rules run only when a cluster is given (`--cluster`, `--cluster-snapshot`), never by default. */
export type RuleScope = 'manifests' | 'registry' | 'cluster';

/** What a rule hands to `report`; the engine adds the rule id and the configured level. */
export interface ReportInput {
  message: string;
  /** the node the user edits; omitted only when nothing in the repository names the problem */
  at?: Position;
  image?: string;
  expected?: string;
  actual?: string;
  /** the edit that resolves this finding, when it is mechanical (see TextEdit) */
  fix?: TextEdit;
  /** overrides the rule's default level for this one finding (e.g. skipped-with-a-reason notes) */
  level?: Level;
}

export interface RuleContext {
  model: ReleaseModel;
  report(finding: ReportInput): void;
  /**
   * Whether another rule runs in this check (not `off`, in scope). A rule that leaves a node to another rule's
   * finding (one finding per node) reports it itself when that rule does not run: else the node passes silently.
   * Absent (a rule called directly in a test): every rule runs.
   */
  runs?(ruleId: string): boolean;
}

/** A rule is static metadata plus one pure function over the release model: no I/O. */
export interface RuleDefinition {
  /** kebab-case statement of the problem; stable, part of the contract */
  id: string;
  scope: RuleScope;
  level: Level;
  /** one line, for `tagcheck rules` and SARIF `shortDescription` */
  summary: string;
  /** a paragraph, for SARIF `fullDescription` */
  description: string;
  /** how to fix it, shown with findings and in SARIF help */
  remediation: string;
  /**
   * For rules the config must ask for (`require:`): the rule runs only when this says so, or when its level is
   * set explicitly (`rules:` in the config, `--rule`). Absent: the rule always runs at its level.
   */
  runsWhen?(config: TagcheckConfig): boolean;
  /** a rule outside the registry scope that reads registry facts (so the registry is asked when it runs) */
  readsRegistry?: boolean;
  check(context: RuleContext): void;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

/** Where each rule's documentation page lives; the page is `rules/<id>.md` in this repository. */
export const RULE_DOCS_BASE = 'https://github.com/tagcheck/tagcheck/blob/main/rules/';

export function ruleHelpUri(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}
