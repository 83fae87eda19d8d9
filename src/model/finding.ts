import type { Position } from './located.js';

export type Level = 'error' | 'warning' | 'note';
export type LevelSetting = Level | 'off';
export const LEVELS: readonly Level[] = ['error', 'warning', 'note'];

/** Why a finding does not count: an in-source `# tagcheck-ignore` comment or a config `ignore:` entry. */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification?: string;
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
  suppressed?: Suppression;
}

/** Numeric severity so `--fail-on` and sorting can compare levels. */
export function levelRank(level: Level): number {
  return level === 'error' ? 3 : level === 'warning' ? 2 : 1;
}
