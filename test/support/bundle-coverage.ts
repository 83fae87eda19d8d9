import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What a run of the built CLI executed, from V8's coverage of it (run with NODE_V8_COVERAGE=dir): the names of
 * the functions of `bundle` that ran at least once, and the file URLs of the other scripts that ran. In
 * dist/tagcheck.cjs every source module is an esbuild lazy initializer named after its source file
 * ("src/sources/registry/client.ts"() { … }), so a module's name is there exactly when the run loaded it.
 */
export async function coveredByRun(dir: string, bundle: string): Promise<{ functions: Set<string>; scripts: Set<string> }> {
  const bundleUrl = pathToFileURL(bundle).href;
  const functions = new Set<string>();
  const scripts = new Set<string>();
  for (const file of await readdir(dir)) {
    const { result } = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
      result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
    };
    for (const script of result) {
      if (script.url.startsWith('file://') && script.url !== bundleUrl) scripts.add(script.url);
      if (script.url !== bundleUrl) continue;
      for (const fn of script.functions) if (fn.ranges[0].count > 0) functions.add(fn.functionName);
    }
  }
  return { functions, scripts };
}
