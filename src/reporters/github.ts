import type { Reporter } from './types.js';

/** GitHub workflow commands (stub until helper `surface` lands the real reporter, with escaping). */
export const githubReporter: Reporter = (data) =>
  data.findings
    .filter((f) => !f.suppressed)
    .map((f) => {
      const kind = f.level === 'note' ? 'notice' : f.level;
      const where = f.location ? ` file=${f.location.file},line=${f.location.line},col=${f.location.column},` : ' ';
      return `::${kind}${where}title=${f.ruleId}::${f.message}\n`;
    })
    .join('');
