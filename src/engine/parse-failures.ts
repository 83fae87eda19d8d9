import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/release.js';

// Files whose content matters to tagcheck without `apiVersion`/`kind`: a broken one must stay a warning.
const KEYED_FILES = /(^|\/)(kustomization\.ya?ml|Kustomization|Chart\.ya?ml|values\.ya?ml)$/;
const KUBERNETES_KEY = /^[ \t]*-?[ \t]*(apiVersion|kind)[ \t]*:/m;

/**
 * A YAML file that does not parse and names no Kubernetes object anywhere in its text (a Hugo `site/config.yaml`
 * with duplicate keys, a KEP's `kep.yaml`, a docs snippet with mkdocs includes) cannot hide a finding: its
 * warning becomes a note, so `--fail-on warning` is not failed by files that were never manifests. A file
 * that mentions `apiVersion:` or `kind:`, a kustomization, a Chart.yaml or values.yaml stays a warning.
 */
export async function demoteNonKubernetesParseFailures(root: string, diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
  const texts = new Map<string, Promise<string | null>>();
  const textOf = (file: string) => {
    if (!texts.has(file)) texts.set(file, readFile(path.join(root, file), 'utf8').catch(() => null));
    return texts.get(file)!;
  };
  return Promise.all(
    diagnostics.map(async (d) => {
      if (d.level !== 'warning' || d.file === undefined || !d.message.startsWith('invalid YAML') || KEYED_FILES.test(d.file)) return d;
      const text = await textOf(d.file);
      if (text === null || KUBERNETES_KEY.test(text)) return d;
      return { ...d, level: 'note', message: `${d.message} (no Kubernetes object in the file; skipped)` };
    }),
  );
}
