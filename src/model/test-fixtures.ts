/**
 * Folder names that hold a project's test inputs, not what a release deploys. Real repositories keep
 * hundreds of fixture manifests there on purpose at old, mutable or made-up tags (kyverno's test/conformance:
 * ~500 `latest` and unpinned images; opentelemetry-operator's tests/e2e-upgrade at an old operator release;
 * kube-state-metrics' tests/manifests at `nonexisting`), and none of them is what a user installs.
 */
export const TEST_FIXTURE_DIRS: readonly string[] = ['test', 'tests', 'testdata', '_testdata', 'test-data', 'e2e', '__tests__', 'fixtures', '__fixtures__'];
const FIXTURE_DIRS = new Set(TEST_FIXTURE_DIRS);

// Test overlays and suites named after what they test: metrics-server's manifests/overlays/test-ha, e2e-upgrade.
const FIXTURE_AFFIX = /^(?:test|tests|e2e)[-_]|[-_](?:test|tests|e2e)$/;

/**
 * Whether a path relative to the root lies in a test-fixture folder (a folder name, never the file name).
 * `named` are folder names the user asked for by name (a `manifests:` glob `test/**` names `test`): those count
 * as ordinary folders.
 */
export function isTestFixturePath(file: string, named: ReadonlySet<string> = NONE): boolean {
  const parts = file.split('/');
  return parts.slice(0, -1).some((part) => {
    const lower = part.toLowerCase();
    return (FIXTURE_DIRS.has(lower) || FIXTURE_AFFIX.test(lower)) && !named.has(lower);
  });
}

const NONE: ReadonlySet<string> = new Set();

/** The literal folder names in `manifests:` globs (`test/e2e/**` → test, e2e), lowercased. */
export function folderNamesIn(globs: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const glob of globs) for (const part of glob.split('/')) if (!/[*?[\]{}]/.test(part)) names.add(part.toLowerCase());
  return names;
}

/** Whether a directory relative to the root (`''` for the root itself) is or lies in a test-fixture folder. */
export function isTestFixtureDir(dir: string, named: ReadonlySet<string> = NONE): boolean {
  return dir !== '' && dir !== '.' && isTestFixturePath(`${dir}/x`, named);
}
