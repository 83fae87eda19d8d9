import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../rules/support/versions.js';

describe('placeholders (rules/support/versions.ts)', () => {
  it.each(['%APP_VERSION%', '${VERSION}', '$VERSION', '{{ .Version }}', '@VERSION@'])('%s is a placeholder', (text) => {
    expect(isPlaceholder(text)).toBe(true);
  });
  it.each(['1.2.3', 'v1.2.3-rc.1', '1.2.3+build.5', 'latest'])('%s is not a placeholder', (text) => {
    expect(isPlaceholder(text)).toBe(false);
  });
});
