import { describe, expect, it } from 'vitest';
import { formatImageRef, normalizeRepository, parseImageRef } from '../../src/model/image-ref.js';

describe('parseImageRef', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx', undefined],
    ['nginx:1.25', 'docker.io/library/nginx', '1.25'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis', '7'],
    ['docker.io/nginx', 'docker.io/library/nginx', undefined],
    ['index.docker.io/library/nginx:latest', 'docker.io/library/nginx', 'latest'],
    ['registry.k8s.io/descheduler/descheduler:v0.29.0', 'registry.k8s.io/descheduler/descheduler', 'v0.29.0'],
    ['localhost:5000/team/app:v1', 'localhost:5000/team/app', 'v1'],
    ['localhost/app', 'localhost/app', undefined],
    ['ghcr.io/a/b/c/d:v1.2.3-rc.1', 'ghcr.io/a/b/c/d', 'v1.2.3-rc.1'],
    ['[::1]:5000/app:v1', '[::1]:5000/app', 'v1'],
  ])('%s', (text, repository, tag) => {
    const parsed = parseImageRef(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.ref.repository).toBe(repository);
    expect(parsed.ref.tag).toBe(tag);
  });

  it('keeps a digest beside a tag', () => {
    const parsed = parseImageRef(`ghcr.io/acme/app:v1@sha256:${'a'.repeat(64)}`);
    expect(parsed.ok && parsed.ref.digest).toBe(`sha256:${'a'.repeat(64)}`);
    expect(parsed.ok && formatImageRef(parsed.ref)).toBe(`ghcr.io/acme/app:v1@sha256:${'a'.repeat(64)}`);
  });

  it.each(['', 'ghcr.io/Acme/app', 'ghcr.io/acme/app:v1 2', 'app:', 'ghcr.io/acme/app@sha256:xyz', 'a//b', '{{ .Values.image }}'])(
    'rejects %j with a message',
    (text) => {
      const parsed = parseImageRef(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/\S/);
    },
  );

  it('normalizes repositories', () => {
    expect(normalizeRepository('nginx')).toBe('docker.io/library/nginx');
  });
});
