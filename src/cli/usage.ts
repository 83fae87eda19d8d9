/** Usage texts for `--help` and `<command> --help`; kept together so they read as one manual. */

const CHECK_OPTIONS = `Options:
  --tag TAG                     the release tag under check (default: CI tag env, a tag at HEAD, config version.from)
  --config FILE                 config file (default: .tagcheck.yaml or .tagcheck.yml at PATH)
  --scope manifests|registry|cluster|all  which rules run (default: all; cluster rules need a cluster)
  --offline                     same as --scope manifests; registry rules are listed as skipped
  --registry-snapshot FILE      answer every registry question from a snapshot file
  --cluster [CONTEXT]           also compare what the cluster runs (kubeconfig context, default: current);
                                the argument after --cluster is its CONTEXT unless it starts with -
  --kubeconfig FILE             with --cluster: this kubeconfig (default: KUBECONFIG, ~/.kube/config)
  --namespace NS                with --cluster: read only this namespace (repeatable; default: all)
  --cluster-snapshot FILE       run the cluster rules on a recorded cluster (tagcheck snapshot --cluster-output);
                                --namespace narrows it too
  --insecure-registry HOST[:PORT]  plain HTTP or unverified TLS for that registry only (repeatable)
  --platform OS/ARCH[/VARIANT]  required platform, overrides config platforms (repeatable)
  --rule ID=off|note|warning|error  change one rule's level (repeatable)
  --format text|json|sarif|github  report format (default: text)
  --output FILE                 write the report to FILE (the summary still goes to stderr)
  --fail-on error|warning|note|none  lowest level that makes the exit code 1 (default: error)
  --concurrency N               parallel registry requests (default: 8)
  --timeout MS                  per registry or cluster request (default: 10000)
  --no-color                    no colour (also NO_COLOR; FORCE_COLOR forces colour)
  --quiet                       less on stderr: no summary line there, no warnings about skipped files
  --verbose                     more on stderr: what was read, notes about skipped values, registry requests
  --fix                         run \`tagcheck fix\` instead (see tagcheck fix --help)
  -h, --help                    this help`;

const EXIT_CODES = `Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the run failed (bad flags, missing PATH, invalid config).`;

export const MAIN_USAGE = `tagcheck — checks that a release's git tag, Kubernetes manifests and container registry agree

Usage:
  tagcheck [check] [PATH] [options]     lint the release in PATH (default: .)
  tagcheck fix [PATH] [--tag TAG] [--dry-run]  rewrite stale own-image tags and appVersions in place
  tagcheck rules [--format text|json]   list every rule
  tagcheck snapshot [PATH] --output FILE  record the registry answers the check needs
  tagcheck snapshot [PATH] --cluster [CONTEXT] --cluster-output FILE  also record the cluster
  tagcheck init [PATH]                  write a commented .tagcheck.yaml for PATH
  tagcheck hook install [PATH] [--force]  install a git pre-push hook
  tagcheck hook pre-push                the hook body (reads git's pre-push lines on stdin)
  tagcheck --version | --help | <command> --help

${EXIT_CODES}
`;

export const COMMAND_USAGE: Record<string, string> = {
  check: `Usage: tagcheck [check] [PATH] [options]

Lints the release in PATH (default: .): the release tag, the manifests (plain YAML, kustomize, Helm)
and, unless --offline, the container registry.

${CHECK_OPTIONS}

${EXIT_CODES}
`,
  fix: `Usage: tagcheck fix [PATH] [options]      (also: tagcheck check --fix …)

Rewrites, in place, what image-tag-mismatch, image-tag-inconsistent and chart-app-version-mismatch report:
own-image tags (plain image: strings, kustomize newTag, Helm values tag) and Chart.yaml appVersion, to the
release under the configured tagFormat, keeping each file's v convention. Only the text of each value changes
(quotes, comments, CRLF, BOM kept); files are replaced atomically. Suppressed findings, third-party images,
digest-pinned references and files outside manifests: are never touched.

Options:
  --tag TAG                     the release to fix towards (default as for check; none: make own images agree)
  --dry-run                     write nothing; print a git-style unified diff of what would change
  --bump-chart-version patch|minor  also bump version in Chart.yaml of charts whose appVersion changes
  --format text|json            text lists file:line:column from → to; json {"changes": [...], "refused": [...]}
  --config FILE                 config file (default: .tagcheck.yaml or .tagcheck.yml at PATH)
  --rule ID=off|note|warning|error  change one rule's level, as for check (repeatable)
  --quiet, --verbose            less or more on stderr
  -h, --help                    this help

Exit codes: 0 nothing left to fix, 1 --dry-run would change something, or a finding could not be fixed
(each is printed with its reason), 2 the run failed (bad flags, unreadable or read-only file, a file changed
while fix was writing): then no file is written.
`,
  rules: `Usage: tagcheck rules [--format text|json]

Lists every rule with its id, default level, scope (manifests, registry or cluster) and summary.
`,
  snapshot: `Usage: tagcheck snapshot [PATH] --output FILE [options]

Asks the registry every question the check would ask for PATH and writes the answers to FILE,
for later runs with --registry-snapshot FILE.

With --cluster [CONTEXT] --cluster-output FILE2 it also records the cluster's workloads and Pods
(names, images and image digests only, never a credential) for later runs with --cluster-snapshot FILE2,
and FILE then holds the registry answers for the tags the cluster runs as well.

Options: --output FILE, --cluster [CONTEXT], --kubeconfig, --namespace, --cluster-output FILE
(at least one of --output and --cluster-output), --tag, --config, --registry-snapshot,
--cluster-snapshot, --insecure-registry, --platform, --concurrency, --timeout, --quiet, --verbose.
`,
};
