// What the real-editor suites need from the operating system, brought by `npm test` itself so a
// newcomer's first run passes: Debian's chromium (the browser that drives the editor), ripgrep (in
// place of the binary code-server would download) and the headers code-server's native modules
// build against. As root with apt-get they are installed; otherwise the run stops at once with the
// exact command to type.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEBIAN_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'build-essential', 'pkg-config'];

function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** The packages of DEBIAN_PACKAGES that dpkg does not know as installed. */
export function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function installCommand(packages) {
  return `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(' ')}`;
}

/**
 * Makes sure the real-editor suites can run. Returns null when they can, or the message to print
 * (with the command that would fix it) when they cannot.
 */
export function ensureEditorPrerequisites({ log = console.log } = {}) {
  const hasDpkg = succeeds('dpkg-query', ['--version']);
  if (!hasDpkg) {
    // Not Debian: the suites need the same programs under their usual names.
    const chromium = process.env.AI_DISCLOSURE_CHROMIUM ?? '/usr/bin/chromium';
    const absent = [chromium, '/usr/bin/rg'].filter((file) => !existsSync(file));
    return absent.length === 0
      ? null
      : `The real-editor suites need ${absent.join(' and ')} (Debian packages: ${DEBIAN_PACKAGES.join(' ')}).`;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) return null;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    return `The real-editor suites need Debian packages that are not installed. Run:\n  sudo sh -c '${installCommand(missing)}'\nthen run the same command again.`;
  }
  log(`Installing the Debian packages the real-editor suites need: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env }) : update;
  if (install.status !== 0) return `Installing ${missing.join(' ')} failed. Try by hand:\n  ${installCommand(missing)}`;
  const still = missingDebianPackages();
  return still.length === 0
    ? null
    : `apt-get finished but ${still.join(' ')} are still not installed. Try by hand:\n  ${installCommand(still)}`;
}

/** Stops the process with `ensureEditorPrerequisites`'s message when the real editor cannot run. */
export function requireEditorPrerequisites() {
  const problem = ensureEditorPrerequisites();
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
}

// Run directly, as the in-editor benchmarks do before they start an editor.
if (process.argv[1] === fileURLToPath(import.meta.url)) requireEditorPrerequisites();
