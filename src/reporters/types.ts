import type { Finding } from '../model/finding.js';
import type { Diagnostic, Release } from '../model/release.js';
import type { RuleDefinition } from '../model/rule.js';

/** Rule metadata a reporter may show; never the check function. */
export type RuleMetadata = Omit<RuleDefinition, 'check'>;

/** Everything a reporter needs; reporters are pure functions of this to text. */
export interface ReportData {
  tool: { name: string; version: string };
  release: Release | null;
  findings: Finding[];
  /** metadata of every rule that ran, in a stable order */
  rulesRun: RuleMetadata[];
  /** ids of rules that did not run (e.g. registry rules under --offline) */
  rulesSkipped: string[];
  /** config file relative to the root, for findings that have no location of their own */
  configFile?: string;
  /** first manifest read, relative to the root: SARIF's last resort location */
  firstManifest?: string;
  /** files or values that could not be read or were skipped on purpose (JSON adds them as `diagnostics`) */
  diagnostics?: Diagnostic[];
}

export type Reporter = (data: ReportData, options: { color: boolean }) => string;
