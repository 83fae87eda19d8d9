import type { Position } from './located.js';

export type Level = 'error' | 'warning' | 'note';
export type LevelSetting = Level | 'off';
export const LEVELS: readonly Level[] = ['error', 'warning', 'note'];

/** Why a finding does not count: an in-source `# tagcheck-ignore` comment or a config `ignore:` entry. */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification?: string;
}

/**
 * A mechanical edit that resolves a finding, applied by `tagcheck fix`: at `at` the file's source text reads
 * `from`, and `to` replaces it. `at` is either exactly where `from` starts (Markdown snippets) or the start of the
 * YAML scalar whose source contains `from` (the fix engine finds it inside that scalar, keeping its quotes).
 * The exact rules, and when an edit is refused: src/engine/fix/edit-text.ts.
 */
export interface TextEdit {
  at: Position;
  from: string;
  to: string;
}

/** One problem found by a rule; reporters format these and nothing else. */
export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  location?: Position;
  image?: string;
  expected?: string;
  actual?: string;
  /** present when `tagcheck fix` can resolve the finding in one edit */
  fix?: TextEdit;
  suppressed?: Suppression;
}

/** Numeric severity so `--fail-on` and sorting can compare levels. */
export function levelRank(level: Level): number {
  return level === 'error' ? 3 : level === 'warning' ? 2 : 1;
}
