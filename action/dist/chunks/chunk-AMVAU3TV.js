import { createRequire as __tagcheckCreateRequire } from 'node:module';
const require = __tagcheckCreateRequire(import.meta.url);

// src/cli/usage.ts
var CHECK_OPTIONS = `Options:
  --tag TAG                     the release tag under check (default: CI tag env, a tag at HEAD, config version.from)
  --config FILE                 config file (default: .tagcheck.yaml or .tagcheck.yml at PATH)
  --scope manifests|registry|all  which rules run (default: all)
  --offline                     same as --scope manifests; registry rules are listed as skipped
  --registry-snapshot FILE      answer every registry question from a snapshot file
  --insecure-registry HOST[:PORT]  plain HTTP or unverified TLS for that registry only (repeatable)
  --platform OS/ARCH[/VARIANT]  required platform, overrides config platforms (repeatable)
  --rule ID=off|note|warning|error  change one rule's level (repeatable)
  --format text|json|sarif|github  report format (default: text)
  --output FILE                 write the report to FILE (the summary still goes to stderr)
  --fail-on error|warning|note|none  lowest level that makes the exit code 1 (default: error)
  --concurrency N               parallel registry requests (default: 8)
  --timeout MS                  per registry request (default: 10000)
  --no-color                    no colour (also NO_COLOR; FORCE_COLOR forces colour)
  --no-cache                    parse every manifest; no facts cache (default cache: $XDG_CACHE_HOME/tagcheck,
                                PATH/node_modules/.cache/tagcheck, or ~/.cache/tagcheck)
  --quiet                       less on stderr: no summary line there, no warnings about skipped files
  --verbose                     more on stderr: what was read, notes about skipped values, registry requests
  -h, --help                    this help`;
var EXIT_CODES = `Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the run failed (bad flags, missing PATH, invalid config).`;
var MAIN_USAGE = `tagcheck \u2014 checks that a release's git tag, Kubernetes manifests and container registry agree

Usage:
  tagcheck [check] [PATH] [options]     lint the release in PATH (default: .)
  tagcheck rules [--format text|json]   list every rule
  tagcheck snapshot [PATH] --output FILE  record the registry answers the check needs
  tagcheck init [PATH]                  write a commented .tagcheck.yaml for PATH
  tagcheck hook install [PATH] [--force]  install a git pre-push hook
  tagcheck hook pre-push                the hook body (reads git's pre-push lines on stdin)
  tagcheck --version | --help | <command> --help

${EXIT_CODES}
`;
var COMMAND_USAGE = {
  check: `Usage: tagcheck [check] [PATH] [options]

Lints the release in PATH (default: .): the release tag, the manifests (plain YAML, kustomize, Helm)
and, unless --offline, the container registry.

${CHECK_OPTIONS}

${EXIT_CODES}
`,
  rules: `Usage: tagcheck rules [--format text|json]

Lists every rule with its id, default level, scope (manifests or registry) and summary.
`,
  snapshot: `Usage: tagcheck snapshot [PATH] --output FILE [options]

Asks the registry every question the check would ask for PATH and writes the answers to FILE,
for later runs with --registry-snapshot FILE.

Options: --output FILE (required), --tag, --config, --registry-snapshot, --insecure-registry,
--platform, --concurrency, --timeout, --quiet, --verbose (as for check).
`
};

export {
  MAIN_USAGE,
  COMMAND_USAGE
};
