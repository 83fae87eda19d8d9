import incSemver from 'semver/functions/inc.js';
import type { Finding, TextEdit } from '../../model/finding.js';
import { InputError } from '../../model/errors.js';
import type { HelmChart, Release, ReleaseModel } from '../../model/release.js';
import { discoverFiles } from '../../sources/manifests/discover.js';
import { runCheck, type CheckOptions } from '../check.js';
import { isYamlFile, planTextEdits, type PlacedEdit } from './edit-text.js';
import { unifiedDiff } from './unified-diff.js';
import { nodeFileSystem, readForFix, writeAtomically, type FixFileSystem, type ReadFile } from './write-files.js';

/** Rules whose findings `fix` is expected to resolve; their findings without an edit are reported as refused. */
export const FIXABLE_RULES: readonly string[] = ['chart-app-version-mismatch', 'docs-version-stale', 'image-tag-inconsistent', 'image-tag-mismatch'];

export type ChartBump = 'patch' | 'minor';

export interface FixOptions extends Pick<CheckOptions, 'root' | 'configFile' | 'tag' | 'env' | 'ruleLevels' | 'rules'> {
  /** compute and report, write nothing */
  dryRun?: boolean;
  /** `--bump-chart-version`: bump `version` in Chart.yaml of every chart whose `appVersion` this run changes */
  bumpChartVersion?: ChartBump;
  fileSystem?: FixFileSystem;
  /** test seam: runs between writing the temporary files and renaming them (see writeAtomically) */
  beforeCommit?: () => Promise<void> | void;
}

/** One replacement, located at the replaced text itself (1-based, the column of `from`'s first character). */
export interface FixChange {
  file: string;
  line: number;
  column: number;
  from: string;
  to: string;
  ruleId: string;
  /** set on the chart `version` bumps of `--bump-chart-version` */
  bump?: ChartBump;
}

/** A finding `fix` was asked to resolve and did not, with the reason; located at the finding. */
export interface FixRefusal {
  file?: string;
  line?: number;
  column?: number;
  ruleId: string;
  from?: string;
  to?: string;
  reason: string;
}

export interface FixResult {
  release: Release | null;
  changes: FixChange[];
  refused: FixRefusal[];
  /** the unified diff of every file that changes (or would, with dryRun), in file order */
  diff: string;
  /** how many files changed (or would) */
  files: number;
  /** findings with an edit that a suppression keeps as they are (counted, as check's summary counts them) */
  suppressed: number;
  diagnostics: ReleaseModel['diagnostics'];
}

/**
 * `tagcheck fix`: runs the manifest rules exactly as `check` does (config levels, `--rule`, suppressions), takes
 * the edits of the findings that still count, and applies them byte-exact (see edit-text.ts for the interface).
 * Suppressed findings are never touched, nor YAML files outside `manifests:` (a kustomize resource read on
 * demand); images that are not the project's own never have findings to fix.
 */
export async function runFix(options: FixOptions): Promise<FixResult> {
  const { model, report } = await runCheck({ ...options, scope: 'manifests' });
  const release = model.release;
  if (release && !release.version) {
    throw new InputError(`release tag "${release.tag}" is not a semantic version; fix only sets versions (see --tag)`);
  }
  // A manifest that could not be read (permissions, I/O) may hold stale tags: passing would be silent, so the fix
  // fails instead. Dangling symlinks and named pipes hold nothing to fix; the check's warning is enough for them.
  const unreadable = model.diagnostics.find((d) => d.level === 'warning' && /^cannot be read: (?!no such file|not a regular file)/.test(d.message));
  if (unreadable) throw new InputError(`${unreadable.file}: ${unreadable.message}; nothing written`);
  const inManifests = new Set((await discoverFiles(model.root, model.config.manifests, [])).map((found) => found.file));
  const refused: FixRefusal[] = [];
  const findingOf = new Map<TextEdit, Finding>();
  /** the chart version bumps of --bump-chart-version, with the rule of the appVersion change that caused each */
  const bumps = new Map<TextEdit, string>();
  const editsByFile = new Map<string, TextEdit[]>();
  let suppressed = 0;
  for (const finding of report.findings) {
    if (finding.suppressed) {
      if (finding.fix) suppressed++;
      continue;
    }
    if (!finding.fix) {
      if (FIXABLE_RULES.includes(finding.ruleId)) refused.push(refusalOf(finding, whyNoFix(finding, model)));
      continue;
    }
    const file = finding.fix.at.file;
    if (isYamlFile(file) && !inManifests.has(file)) {
      refused.push(refusalOf(finding, `${file} is not matched by manifests: in the config; not touched`));
      continue;
    }
    findingOf.set(finding.fix, finding);
    editsByFile.set(file, [...(editsByFile.get(file) ?? []), finding.fix]);
  }

  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const planned: { read: ReadFile; text: string; placed: PlacedEdit[] }[] = [];
  for (const file of [...editsByFile.keys()].sort()) {
    const read = await readForFix(model.root, file, fileSystem);
    let edits = editsByFile.get(file)!;
    let plan = planTextEdits(file, read.text, edits);
    const bump = options.bumpChartVersion ? chartVersionBump(model, file, plan.placed, options.bumpChartVersion, (edit) => findingOf.get(edit)!.ruleId) : undefined;
    if (bump && 'reason' in bump) {
      refused.push({ file, ruleId: 'chart-app-version-mismatch', reason: `chart version not bumped: ${bump.reason}` });
    } else if (bump) {
      bumps.set(bump.edit, bump.ruleId);
      edits = [...edits, bump.edit];
      plan = planTextEdits(file, read.text, edits);
    }
    for (const { edit, reason } of plan.refused) {
      const bumpedFor = bumps.get(edit);
      refused.push(bumpedFor
        ? { ...edit.at, ruleId: bumpedFor, from: edit.from, to: edit.to, reason: `chart version not bumped: ${reason}` }
        : refusalOf(findingOf.get(edit)!, reason));
    }
    if (plan.placed.length > 0) planned.push({ read, text: plan.text, placed: plan.placed });
  }

  const changes: FixChange[] = [];
  let diff = '';
  for (const { read, text, placed } of planned) {
    for (const p of placed) {
      const bumpedFor = bumps.get(p.edit);
      const ruleId = bumpedFor ?? findingOf.get(p.edit)!.ruleId;
      changes.push({ file: read.file, line: p.line, column: p.column, from: p.edit.from, to: p.edit.to, ruleId, ...(bumpedFor ? { bump: options.bumpChartVersion! } : {}) });
    }
    const bom = read.bom ? '\ufeff' : '';
    diff += unifiedDiff(read.file, bom + read.text, bom + text);
  }
  if (!options.dryRun && planned.length > 0) {
    await writeAtomically(planned.map(({ read, text }) => ({ read, text })), { ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}) });
  }
  refused.sort((a, b) => compareText(a.file ?? '\uffff', b.file ?? '\uffff') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { release, changes, refused, diff, files: planned.length, suppressed, diagnostics: model.diagnostics };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function refusalOf(finding: Finding, reason: string): FixRefusal {
  return {
    ...(finding.location ? { file: finding.location.file, line: finding.location.line, column: finding.location.column } : {}),
    ruleId: finding.ruleId,
    ...(finding.actual !== undefined ? { from: finding.actual } : {}),
    ...(finding.expected !== undefined ? { to: finding.expected } : {}),
    reason,
  };
}

/** Why a finding of a fixable rule came without an edit, from the use it was reported for. */
function whyNoFix(finding: Finding, model: ReleaseModel): string {
  const at = finding.location;
  const use = at && model.imageUses.find((u) => {
    const node = u.tagAt ?? u.at;
    return u.ref.repository === finding.image && node.file === at.file && node.line === at.line && node.column === at.column;
  });
  if (use?.ref.digest) return `pinned by digest (${use.ref.digest.slice(0, 19)}…): the digest decides what runs; update the tag and the digest together`;
  if (use?.tagSource === 'helm-app-version') return `the tag is the chart's appVersion behind a template prefix that "${finding.expected}" does not carry; edit it by hand`;
  // the docs rule leaves out its fix only for a reference pinned by digest as well (`app:v1.2.2@sha256:…`)
  if (finding.ruleId === 'docs-version-stale') return 'pinned by digest as well: update the tag and the digest together';
  if (finding.ruleId === 'image-tag-inconsistent') return `"${finding.actual}" or the tag it should agree with is not a version; choose the tag by hand`;
  return 'no automatic fix for this finding';
}

/**
 * The `version` bump for the chart whose Chart.yaml is `file`, when this run edits its `appVersion`: once per
 * chart and run, so a second `fix` (appVersion already right) bumps nothing.
 */
function chartVersionBump(
  model: ReleaseModel,
  file: string,
  placed: readonly PlacedEdit[],
  bump: ChartBump,
  ruleOf: (edit: TextEdit) => string,
): { edit: TextEdit; ruleId: string } | { reason: string } | undefined {
  const chart: HelmChart | undefined = model.charts.find((c) => c.file === file && !c.vendored);
  const appVersion = chart?.appVersion;
  if (!chart || !appVersion) return undefined;
  const appVersionEdit = placed.find((p) => p.edit.at.line === appVersion.line && p.edit.at.column === appVersion.column);
  if (!appVersionEdit) return undefined;
  const ruleId = ruleOf(appVersionEdit.edit);
  const version = chart.version;
  if (!version) return { reason: 'the chart has no version' };
  const prefix = /^[vV]/.test(version.value) ? version.value[0] : '';
  const next = incSemver(version.value.slice(prefix.length), bump);
  if (!next) return { reason: `version "${version.value}" is not SemVer` };
  return { edit: { at: { file, line: version.line, column: version.column }, from: version.value, to: `${prefix}${next}` }, ruleId };
}
