import type { TagcheckConfig } from '../model/config.js';
import type { Finding } from '../model/finding.js';

export interface SuppressionContext {
  config: TagcheckConfig;
  /** reads a file relative to the root; undefined when it cannot be read */
  readFile(file: string): Promise<string | undefined>;
}

/** Marks findings suppressed by `# tagcheck-ignore` comments or config `ignore:` entries. (stub: helper `surface`) */
export async function applySuppressions(findings: Finding[], _context: SuppressionContext): Promise<Finding[]> {
  return findings;
}
