export type ClientNode = typeof import('@kubernetes/client-node');

/**
 * @kubernetes/client-node, an ES module, for a live `--cluster` only. The bundle is CommonJS run by vm.Script
 * (src/cli/launch.ts), where import() needs a flag, and require() of an ES module needs Node 20.19: so this module
 * is bundled on its own (dist/client-node.cjs), a file Node's loader runs, whose import() is Node's own.
 */
export function loadClientNode(): Promise<ClientNode> {
  return import('@kubernetes/client-node');
}
