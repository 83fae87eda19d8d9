/**
 * A value a release script fills in later (`%APP_VERSION%`, `${VERSION}`, `{{ .Version }}`, `@VERSION@`):
 * not a version yet, and not wrong either. (Release/image tag comparison lives in src/model/version.ts.)
 */
export function isPlaceholder(text: string): boolean {
  return /%[A-Za-z_]+%|\$\{?[A-Za-z_]|\{\{|@[A-Za-z_]+@/.test(text);
}
