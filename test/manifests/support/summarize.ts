import { formatImageRef } from '../../../src/model/image-ref.js';
import type { Diagnostic, HelmChart, ImageUse, KustomizeImageOverride } from '../../../src/model/release.js';

/** One line per use: where it is named, the effective reference, how its tag was decided and where. */
export function useLine(use: ImageUse): string {
  const tagAt = use.tagAt ? `${use.tagAt.file}:${use.tagAt.line}:${use.tagAt.column}` : '-';
  return `${use.at.file}:${use.at.line}:${use.at.column} ${formatImageRef(use.ref)} ${use.kind}/${use.tagSource} tag@${tagAt}`;
}

export function overrideLine(o: KustomizeImageOverride): string {
  const parts = [`${o.file}:${o.name.line}:${o.name.column} ${o.name.value}`];
  if (o.newName) parts.push(`newName=${o.newName.value}@${o.newName.line}:${o.newName.column}`);
  if (o.newTag) parts.push(`newTag=${o.newTag.value}@${o.newTag.line}:${o.newTag.column}`);
  if (o.digest) parts.push(`digest@${o.digest.line}:${o.digest.column}`);
  parts.push(o.matched ? 'matched' : 'unmatched');
  if (o.incomplete) parts.push('incomplete');
  return parts.join(' ');
}

export function chartLine(c: HelmChart): string {
  const field = (name: string, v?: { value: string; line: number; column: number }) => (v ? ` ${name}=${v.value}@${v.line}:${v.column}` : '');
  return `${c.dir}${field('name', c.name)}${field('version', c.version)}${field('appVersion', c.appVersion)}${c.vendored ? ' vendored' : ''}`;
}

export function diagnosticLine(d: Diagnostic): string {
  return `${d.level} ${d.file}${d.line !== undefined ? `:${d.line}` : ''} ${d.message}`;
}
