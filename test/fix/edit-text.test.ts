import { describe, expect, it } from 'vitest';
import { planTextEdits } from '../../src/engine/fix/edit-text.js';
import type { TextEdit } from '../../src/model/finding.js';

/** `at` of the first character of `marker` in `text` (1-based line and column), as the rules report it. */
function at(file: string, text: string, marker: string, nth = 0): TextEdit['at'] {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(marker, index + 1);
  if (index < 0) throw new Error(`marker ${marker} not in text`);
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { file, line, column: index - (before.lastIndexOf('\n') + 1) + 1 };
}

function edit(file: string, text: string, marker: string, from: string, to: string, nth = 0): TextEdit {
  return { at: at(file, text, marker, nth), from, to };
}

describe('YAML scalars: only the tag text inside the value changes', () => {
  const cases: { name: string; before: string; marker: string; from: string; to: string; after: string }[] = [
    {
      name: 'plain image string: the tag after the colon, comment and spacing kept',
      before: 'spec:\n  containers:\n    - image: ghcr.io/acme/app:v0.30.1   # pinned by release\n',
      marker: 'ghcr.io', from: 'v0.30.1', to: 'v0.31.0',
      after: 'spec:\n  containers:\n    - image: ghcr.io/acme/app:v0.31.0   # pinned by release\n',
    },
    {
      name: 'double-quoted tag stays double-quoted',
      before: 'image:\n  repository: ghcr.io/acme/app\n  tag: "v0.30.1"\n',
      marker: '"v0.30.1"', from: 'v0.30.1', to: 'v0.31.0',
      after: 'image:\n  repository: ghcr.io/acme/app\n  tag: "v0.31.0"\n',
    },
    {
      name: 'single-quoted tag stays single-quoted',
      before: "tag: 'v0.30.1'\n",
      marker: "'v0.30.1'", from: 'v0.30.1', to: 'v0.31.0',
      after: "tag: 'v0.31.0'\n",
    },
    {
      name: 'a value in a flow mapping',
      before: 'images:\n  - {name: ghcr.io/acme/app, newTag: v1.0.0}  # flow\n',
      marker: 'v1.0.0', from: 'v1.0.0', to: 'v1.1.0',
      after: 'images:\n  - {name: ghcr.io/acme/app, newTag: v1.1.0}  # flow\n',
    },
    {
      name: 'the repository path may contain the tag text: the tag is the one after the last colon',
      before: 'image: ghcr.io/v1.0.0/app:v1.0.0\n',
      marker: 'ghcr.io', from: 'v1.0.0', to: 'v1.1.0',
      after: 'image: ghcr.io/v1.0.0/app:v1.1.0\n',
    },
    {
      name: 'a registry port is not a tag',
      before: 'image: "localhost:5000/acme/app:5000"\n',
      marker: '"localhost', from: '5000', to: '6000',
      after: 'image: "localhost:5000/acme/app:6000"\n',
    },
    {
      name: 'appVersion that YAML reads as a number keeps its spelling',
      before: 'apiVersion: v2\nname: app\nversion: 1.0.0\nappVersion: 1.10\n',
      marker: '1.10', from: '1.10', to: '1.11',
      after: 'apiVersion: v2\nname: app\nversion: 1.0.0\nappVersion: 1.11\n',
    },
    {
      name: 'a tag that is only a prefix of a longer token is not touched elsewhere (v1.2 inside v1.2.3)',
      before: 'image: ghcr.io/acme/app-v1.2.3:v1.2\n',
      marker: 'ghcr.io', from: 'v1.2', to: 'v1.3',
      after: 'image: ghcr.io/acme/app-v1.2.3:v1.3\n',
    },
    {
      name: 'CRLF line endings and document markers stay',
      before: '---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nspec:\r\n  image: "ghcr.io/acme/app:0.30.1"\r\n---\r\n',
      marker: '"ghcr.io', from: '0.30.1', to: '0.31.0',
      after: '---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nspec:\r\n  image: "ghcr.io/acme/app:0.31.0"\r\n---\r\n',
    },
    {
      name: 'an anchored value no alias uses may be edited',
      before: 'tag: &release v1.0.0\n',
      marker: 'v1.0.0', from: 'v1.0.0', to: 'v1.1.0',
      after: 'tag: &release v1.1.0\n',
    },
    {
      name: 'a tagged scalar (!!str) keeps its tag',
      before: 'newTag: !!str 1.0\n',
      marker: '1.0', from: '1.0', to: '1.1',
      after: 'newTag: !!str 1.1\n',
    },
    {
      name: 'columns count UTF-16 code units, as the check does (an emoji and an accent earlier on the line)',
      before: 'containers: [{name: "🚀café", image: ghcr.io/acme/app:v1.0.0}]\n',
      marker: 'ghcr.io', from: 'v1.0.0', to: 'v1.1.0',
      after: 'containers: [{name: "🚀café", image: ghcr.io/acme/app:v1.1.0}]\n',
    },
    {
      name: 'an exact-start position inside the scalar (a literal edit in YAML)',
      before: 'image: ghcr.io/acme/app:v1.0.0\n',
      marker: 'v1.0.0', from: 'v1.0.0', to: 'v1.1.0',
      after: 'image: ghcr.io/acme/app:v1.1.0\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planTextEdits('deploy/app.yaml', c.before, [edit('deploy/app.yaml', c.before, c.marker, c.from, c.to)]);
      expect(plan.refused).toEqual([]);
      expect(plan.text).toBe(c.after);
    });
  }

  it('reports the position of the replaced text itself', () => {
    const text = 'a: 1\nimage: ghcr.io/acme/app:v1.0.0\n';
    const plan = planTextEdits('x.yaml', text, [edit('x.yaml', text, 'ghcr.io', 'v1.0.0', 'v1.1.0')]);
    expect(plan.placed.map((p) => [p.line, p.column])).toEqual([[2, 25]]);
  });

  it('several edits in one file, two on one line (a flow sequence of containers)', () => {
    const text = 'containers: [{image: "ghcr.io/acme/a:v1.0.0"}, {image: ghcr.io/acme/b:v1.0.0}]\nother: ghcr.io/acme/c:1.0.0\n';
    const plan = planTextEdits('x.yaml', text, [
      edit('x.yaml', text, '"ghcr.io/acme/a', 'v1.0.0', 'v1.10.0'),
      edit('x.yaml', text, 'ghcr.io/acme/b', 'v1.0.0', 'v1.10.0'),
      edit('x.yaml', text, 'ghcr.io/acme/c', '1.0.0', '1.10.0'),
    ]);
    expect(plan.refused).toEqual([]);
    expect(plan.text).toBe('containers: [{image: "ghcr.io/acme/a:v1.10.0"}, {image: ghcr.io/acme/b:v1.10.0}]\nother: ghcr.io/acme/c:1.10.0\n');
  });

  it('the same node reported twice is one edit; two different wishes for one node are refused', () => {
    const text = 'newTag: v1.0.0\n';
    const one = edit('x.yaml', text, 'v1.0.0', 'v1.0.0', 'v1.1.0');
    const same = planTextEdits('x.yaml', text, [one, { ...one }]);
    expect(same.text).toBe('newTag: v1.1.0\n');
    expect(same.placed).toHaveLength(1);
    const clash = planTextEdits('x.yaml', text, [one, { ...one, to: 'v2.0.0' }]);
    expect(clash.text).toBe('newTag: v1.1.0\n');
    expect(clash.refused.map((r) => r.reason)).toEqual(['another finding wants "v1.1.0" here']);
  });
});

describe('YAML edits that are refused with a reason, file untouched', () => {
  const cases: { name: string; text: string; marker: string; from: string; reason: RegExp }[] = [
    {
      name: 'an anchored value used by an alias elsewhere',
      text: 'defaults:\n  tag: &tag v1.0.0\nimage:\n  repository: ghcr.io/acme/app\n  tag: *tag\n',
      marker: 'v1.0.0', from: 'v1.0.0', reason: /anchored \(&tag\) and an alias \(\*tag\) uses it/,
    },
    {
      name: 'a block scalar',
      text: 'image: |\n  ghcr.io/acme/app:v1.0.0\n',
      marker: '|', from: 'v1.0.0', reason: /block scalar/,
    },
    {
      name: 'a double-quoted string that spells the tag with an escape',
      text: 'tag: "v1.0.\\x30"\n',
      marker: '"v1', from: 'v1.0.0', reason: /escapes in a double-quoted string/,
    },
    {
      name: 'an escape right before the tag text (\\v is a vertical tab, not a v)',
      text: 'tag: "\\v1.0.0"\n',
      marker: '"', from: 'v1.0.0', reason: /no longer contains "v1.0.0"/,
    },
    {
      name: 'the value changed since the check',
      text: 'newTag: v1.0.5\n',
      marker: 'v1.0.5', from: 'v1.0.0', reason: /no longer contains "v1.0.0" \(changed since the check\?\)/,
    },
    {
      name: 'the position holds no value any more',
      text: '# only a comment now\n',
      marker: 'only', from: 'v1.0.0', reason: /no YAML value at 1:3/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planTextEdits('values.yaml', c.text, [edit('values.yaml', c.text, c.marker, c.from, 'v1.1.0')]);
      expect(plan.text).toBe(c.text);
      expect(plan.placed).toEqual([]);
      expect(plan.refused).toHaveLength(1);
      expect(plan.refused[0].reason).toMatch(c.reason);
    });
  }

  it('a line or column the file does not have', () => {
    const text = 'a: b\n';
    const plan = planTextEdits('x.yaml', text, [{ at: { file: 'x.yaml', line: 9, column: 1 }, from: 'b', to: 'c' }]);
    expect(plan.refused[0].reason).toMatch(/no line 9, column 1/);
  });

  it('an edit that would break the document is refused (a tag text YAML would read differently)', () => {
    const text = 'newTag: v1.0.0\n';
    const plan = planTextEdits('x.yaml', text, [edit('x.yaml', text, 'v1.0.0', 'v1.0.0', 'v1 #2')]);
    expect(plan.text).toBe(text);
    expect(plan.refused[0].reason).toMatch(/would not give the value "v1 #2"/);
  });
});

describe('other files (Markdown): `at` is exactly where `from` starts, no parsing', () => {
  const readme = '# Install\r\n\r\n```sh\r\nkubectl apply -f https://example.com/releases/v0.30.1/app.yaml\r\n```\r\nUse v0.30.1.\r\n';

  it('replaces the text at the exact position, CRLF kept', () => {
    const plan = planTextEdits('README.md', readme, [edit('README.md', readme, 'v0.30.1', 'v0.30.1', 'v0.31.0', 1)]);
    expect(plan.refused).toEqual([]);
    expect(plan.text).toBe(readme.replace('Use v0.30.1.', 'Use v0.31.0.'));
    expect(plan.placed.map((p) => [p.line, p.column])).toEqual([[6, 5]]);
  });

  it('refuses when the text there no longer reads `from`', () => {
    const position = at('README.md', readme, 'v0.30.1');
    const plan = planTextEdits('README.md', readme, [{ at: { ...position, column: position.column + 1 }, from: 'v0.30.1', to: 'v0.31.0' }]);
    expect(plan.text).toBe(readme);
    expect(plan.refused[0].reason).toMatch(/no longer reads "v0.30.1"/);
  });

  it('edits past the end of a line are refused, not wrapped onto the next', () => {
    const plan = planTextEdits('README.md', 'ab\ncd\n', [{ at: { file: 'README.md', line: 1, column: 4 }, from: 'cd', to: 'x' }]);
    expect(plan.refused).toHaveLength(1);
  });
});

describe('kustomize inline patches: an image inside a literal block (| or |-)', () => {
  // two containers on the same tag: only the one the finding points at changes
  const kustomization = [
    'patches:',
    '  - target: {kind: Deployment, name: app}',
    '    patch: |-',
    '      - op: replace',
    '        path: /spec/template/spec/containers/0/image',
    '        value: ghcr.io/acme/app:v1.2.2  # actual=v1.2.2',
    '      - op: add',
    '        path: /spec/template/spec/containers/-',
    '        value: {name: worker, image: "ghcr.io/acme/app:v1.2.2"}',
    'images:',
    '  - name: nginx',
    '    newTag: "1.27"',
    '',
  ].join('\n');

  it('edits the occurrence at the reported place, byte-exact, and proves the block reads as before otherwise', () => {
    const second = planTextEdits('kustomization.yaml', kustomization, [edit('kustomization.yaml', kustomization, '"ghcr.io/acme/app:v1.2.2"', 'v1.2.2', 'v1.3.0')]);
    expect(second.refused).toEqual([]);
    expect(second.text).toBe(kustomization.replace('"ghcr.io/acme/app:v1.2.2"', '"ghcr.io/acme/app:v1.3.0"'));
    const first = planTextEdits('kustomization.yaml', kustomization, [edit('kustomization.yaml', kustomization, 'ghcr.io/acme/app:v1.2.2  #', 'v1.2.2', 'v1.3.0')]);
    expect(first.refused).toEqual([]);
    // the comment inside the patch keeps its v1.2.2, and so does the second container
    expect(first.text).toBe(kustomization.replace('app:v1.2.2  # actual', 'app:v1.3.0  # actual'));
    expect(first.placed[0]).toMatchObject({ line: 6, column: 33 });
    const both = planTextEdits('kustomization.yaml', kustomization, [
      edit('kustomization.yaml', kustomization, 'ghcr.io/acme/app:v1.2.2  #', 'v1.2.2', 'v1.3.0'),
      edit('kustomization.yaml', kustomization, '"ghcr.io/acme/app:v1.2.2"', 'v1.2.2', 'v1.3.0'),
    ]);
    expect(both.refused).toEqual([]);
    expect(both.text).toBe(kustomization.replace('app:v1.2.2  # actual', 'app:v1.3.0  # actual').replace('"ghcr.io/acme/app:v1.2.2"', '"ghcr.io/acme/app:v1.3.0"'));
  });

  it('refuses folded blocks, quoted patch strings (reported at the patch: key) and line breaks', () => {
    const folded = 'patches:\n  - patch: >-\n      - op: replace\n        value: ghcr.io/acme/app:v1.2.2\n';
    expect(planTextEdits('k.yaml', folded, [edit('k.yaml', folded, 'ghcr.io', 'v1.2.2', 'v1.3.0')]).refused[0].reason).toMatch(/block scalar/);
    const quoted = 'patches:\n  - patch: "[{\\"op\\": \\"replace\\", \\"value\\": \\"ghcr.io/acme/app:v1.2.2\\"}]"\n';
    const refused = planTextEdits('k.yaml', quoted, [edit('k.yaml', quoted, 'patch:', 'v1.2.2', 'v1.3.0')]);
    expect(refused.text).toBe(quoted);
    expect(refused.refused[0].reason).toMatch(/inline kustomize patch that is not a literal block/);
    const broken = planTextEdits('k.yaml', kustomization, [edit('k.yaml', kustomization, 'ghcr.io/acme/app:v1.2.2  #', 'v1.2.2', 'v1\n.3')]);
    expect(broken.text).toBe(kustomization);
    expect(broken.refused[0].reason).toMatch(/would change the lines of a block scalar/);
  });
});
