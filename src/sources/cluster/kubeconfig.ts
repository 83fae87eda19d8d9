import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterTarget } from '../../model/cluster.js';
import { InputError } from '../../model/errors.js';
import { loadClientNode } from './client-node.js';

/** A loaded kubeconfig switched to the context under check; `secrets` are redacted from every message. */
export interface LoadedKubeConfig {
  kubeConfig: KubeConfig;
  context: string;
  server: string;
  /** the kubeconfig files read, for messages */
  files: string[];
  secrets: string[];
  /** the user's exec credential plugin (`aws`, `kubelogin`, …), for messages when it fails */
  execCommand?: string;
}

/**
 * Reads the kubeconfig the way kubectl does: `--kubeconfig FILE`, else every file in KUBECONFIG (missing ones
 * skipped, the first to define a name wins), else ~/.kube/config, else the in-cluster service account. Credentials,
 * exec plugins and TLS settings stay client-node's. A missing, unreadable or invalid file, an unknown context or a
 * context without a cluster is a bad input (exit 2), named in one line without any value from the file.
 */
export async function loadKubeConfig(target: ClusterTarget, env: NodeJS.ProcessEnv): Promise<LoadedKubeConfig> {
  const { KubeConfig } = await loadClientNode();
  const files = kubeconfigFiles(target, env);
  const kubeConfig = new KubeConfig();
  if (files.length === 0) {
    if (!env.KUBERNETES_SERVICE_HOST) {
      throw new InputError('--cluster: no kubeconfig (pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config)');
    }
    kubeConfig.loadFromCluster();
  }
  files.forEach((file, index) => {
    const loaded = readOne(file, new KubeConfig());
    if (index === 0) return copyInto(kubeConfig, loaded, true);
    copyInto(kubeConfig, loaded, !kubeConfig.currentContext);
  });
  const where = files.length ? files.join(delimiter) : 'the in-cluster service account';
  const contexts = kubeConfig.getContexts().map((c) => c.name);
  const known = contexts.length ? ` (contexts: ${contexts.join(', ')})` : ' (it defines no contexts)';
  const context = target.context ?? kubeConfig.getCurrentContext();
  if (!context) throw new InputError(`${where}: kubeconfig sets no current-context: name one with --cluster CONTEXT${known}`);
  if (!kubeConfig.getContextObject(context)) {
    throw new InputError(`${where}: kubeconfig has no context "${context}"${known}; a PATH goes before --cluster`);
  }
  kubeConfig.setCurrentContext(context);
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster?.server) throw new InputError(`${where}: context "${context}" names no cluster with a server URL`);
  const user = kubeConfig.getCurrentUser();
  const secrets = [user?.token, user?.password, user?.keyData, passwordIn(cluster.server)].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const execCommand = (user?.exec as { command?: unknown } | undefined)?.command;
  return {
    kubeConfig,
    context,
    server: withoutUserInfo(cluster.server),
    files,
    secrets,
    ...(typeof execCommand === 'string' ? { execCommand } : {}),
  };
}

function passwordIn(server: string): string | undefined {
  try {
    return decodeURIComponent(new URL(server).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The server URL as messages show it: a `user:password@` in it (rare, but allowed) is dropped. */
function withoutUserInfo(server: string): string {
  try {
    const url = new URL(server);
    if (!url.username && !url.password) return server;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, server.endsWith('/') ? '/' : '');
  } catch {
    return server.replace(/\/\/[^/@]*@/, '//');
  }
}

function kubeconfigFiles(target: ClusterTarget, env: NodeJS.ProcessEnv): string[] {
  if (target.kubeconfig) return [target.kubeconfig];
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file !== '');
  if (fromEnv.length > 0) {
    const present = fromEnv.filter((file) => existsSync(file));
    // kubectl skips missing files in the list, but a list where none exists is a mistake worth naming
    if (present.length === 0) throw new InputError(`${fromEnv.join(delimiter)}: cannot read kubeconfig (KUBECONFIG names no existing file)`);
    return present;
  }
  const home = join(env.HOME || env.USERPROFILE || homedir(), '.kube', 'config');
  return existsSync(home) ? [home] : [];
}

function readOne(file: string, config: KubeConfig): KubeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read kubeconfig (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (text.trim() === '') throw new InputError(`${file}: invalid kubeconfig: the file is empty`);
  try {
    config.loadFromString(text);
    config.makePathsAbsolute(join(file, '..'));
  } catch (error) {
    // js-yaml puts a snippet of the file (maybe a token) after the first line: only the first line is shown
    const message = (error as Error).message.split('\n')[0].trim();
    throw new InputError(`${file}: invalid kubeconfig: ${message}`);
  }
  if (config.getContexts().length === 0 && config.getClusters().length === 0) {
    throw new InputError(`${file}: invalid kubeconfig: it defines no clusters and no contexts`);
  }
  return config;
}

/** kubectl's merge: the first file to define a cluster, user or context name wins. */
function copyInto(target: KubeConfig, source: KubeConfig, takeContext: boolean): void {
  if (takeContext && source.currentContext) target.currentContext = source.currentContext;
  for (const cluster of source.getClusters()) if (!target.getCluster(cluster.name)) target.addCluster(cluster);
  for (const user of source.getUsers()) if (!target.getUser(user.name)) target.addUser(user);
  for (const context of source.getContexts()) if (!target.getContextObject(context.name)) target.addContext(context);
}
