import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, from this file's compiled location (out/test/harness). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, 'test', 'e2e', '.cache');
const RUNTIME_DIR = path.join(CACHE_DIR, 'runtime');
const RUNTIME_MANIFEST = path.join(REPO_ROOT, 'test', 'e2e', 'package.json');

/** code-server's @vscode/ripgrep looks for this tarball before it tries to download one. */
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const CHROMIUM = process.env.AI_DISCLOSURE_CHROMIUM ?? '/usr/bin/chromium';

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile?: string } = {}): void {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (options.logFile) writeFileSync(options.logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${tail}`);
  }
}

function requireTool(file: string, debianPackage: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: install Debian's ${debianPackage} (npm test does when run as root)`);
}

/**
 * Installs code-server (a full VS Code 1.100) into test/e2e/.cache once, offline-safe: native
 * modules build against the machine's headers, and ripgrep comes from Debian instead of a download.
 * Returns the path of code-server's entry script.
 */
export function ensureEditorRuntime(): string {
  const entry = path.join(RUNTIME_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const stampFile = path.join(RUNTIME_DIR, '.installed');
  const stamp = createHash('sha256').update(readFileSync(RUNTIME_MANIFEST)).update(process.version).digest('hex');
  if (existsSync(entry) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return entry;

  requireTool('/usr/bin/rg', 'ripgrep');
  const started = Date.now();
  console.log('Installing the editor runtime (code-server 4.100.3) into test/e2e/.cache; this takes about a minute and a half, once.');
  rmSync(RUNTIME_DIR, { recursive: true, force: true });
  const temporary = path.join(CACHE_DIR, 'tmp');
  mkdirSync(path.dirname(path.join(temporary, RIPGREP_CACHE)), { recursive: true });
  mkdirSync(RUNTIME_DIR, { recursive: true });
  const rgDir = path.join(temporary, 'rg');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  run('tar', ['-czf', path.join(temporary, RIPGREP_CACHE), '-C', rgDir, 'rg']);
  copyFileSync(RUNTIME_MANIFEST, path.join(RUNTIME_DIR, 'package.json'));

  // code-server's post-install runs a nested `npm install` that builds native modules. npm 11
  // blocks dependency install scripts unless allowed, and passes config on to the nested npm as
  // environment, where an allow-list counts as a forbidden command-line flag. So this install, and
  // only this one, gets a user config that keeps the machine's settings and allows them.
  const userConfig = spawnSync('npm', ['config', 'get', 'userconfig'], { encoding: 'utf8' }).stdout.trim();
  const runtimeConfig = path.join(CACHE_DIR, 'npmrc');
  writeFileSync(
    runtimeConfig,
    `${userConfig && existsSync(userConfig) ? readFileSync(userConfig, 'utf8') : ''}\ndangerously-allow-all-scripts=true\n`,
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: RUNTIME_DIR,
    logFile: path.join(CACHE_DIR, 'install.log'),
    env: {
      ...process.env,
      TMPDIR: temporary,
      NPM_CONFIG_USERCONFIG: runtimeConfig,
      // As root, code-server's post-install refuses to run without these.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
    },
  });
  if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing; see ${path.join(CACHE_DIR, 'install.log')}`);
  writeFileSync(stampFile, stamp);
  console.log(`Editor runtime ready in ${Math.round((Date.now() - started) / 1000)} s.`);
  return entry;
}

export function ensureChromium(): string {
  requireTool(CHROMIUM, 'chromium');
  return CHROMIUM;
}
