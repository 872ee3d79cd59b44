import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { ensureEditorRuntime, REPO_ROOT } from './runtime';

export interface RunningEditor {
  host: string;
  port: number;
  url: string;
  /** `vscode-remote://` URI of a path on this machine, as the workbench needs for payloads. */
  remoteUri(file: string): string;
  stop(): Promise<void>;
}

/** Settings that keep a test editor quiet and predictable. */
const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 200,
  'files.simpleDialog.enable': true,
  'window.restoreWindows': 'none',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/**
 * Starts code-server on 127.0.0.1 with every folder it writes inside `runDir`, in its own process
 * group so stop() also ends its file-watcher children.
 */
export interface CodeServerOptions {
  extensionsDir?: string;
  /** Restricted mode for folders not trusted yet (workspace trust on); by default every folder is trusted. */
  workspaceTrust?: boolean;
  /** The user's cache folder (XDG_CACHE_HOME), kept from one window to the next as a person's is; by default the run's own. */
  cacheDir?: string;
}

export async function startCodeServer(runDir: string, options: CodeServerOptions = {}): Promise<RunningEditor> {
  const entry = ensureEditorRuntime();
  const host = '127.0.0.1';
  const port = await freePort();
  const dirs = Object.fromEntries(
    ['user-data', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp'].map((name) => [name, path.join(runDir, name)]),
  );
  if (options.cacheDir) dirs['xdg-cache'] = options.cacheDir;
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  const trust = options.workspaceTrust
    ? {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
        'security.workspace.trust.emptyWindow': false,
      }
    : {};
  writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...trust }, null, 2));
  const config = path.join(runDir, 'config.yaml');
  writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const log = openSync(path.join(runDir, 'code-server.log'), 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr',
      `${host}:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--user-data-dir',
      dirs['user-data'],
      '--extensions-dir',
      options.extensionsDir ?? dirs.extensions,
      '--config',
      config,
    ],
    {
      detached: true,
      stdio: ['ignore', log, log],
      // An empty gallery: the test editor never looks up an extension marketplace.
      env: {
        ...process.env,
        XDG_CONFIG_HOME: dirs['xdg-config'],
        XDG_DATA_HOME: dirs['xdg-data'],
        XDG_CACHE_HOME: dirs['xdg-cache'],
        TMPDIR: dirs.tmp,
        EXTENSIONS_GALLERY: '{}',
      },
    },
  );
  const url = `http://${host}:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, port, url, remoteUri: (file) => `vscode-remote://${host}:${port}${file}`, stop };
}

/**
 * This repository installed in an extensions folder of `runDir` the way VS Code finds extensions
 * (a folder named publisher.name-version); returns the folder, for `startCodeServer`'s extensionsDir.
 */
export function installThisExtension(runDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const extensionsDir = path.join(runDir, 'installed-extensions');
  mkdirSync(extensionsDir, { recursive: true });
  symlinkSync(REPO_ROOT, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  return extensionsDir;
}
