/**
 * Runs the integration suite inside a real VS Code: code-server's extension host loads this
 * repository as the extension under development and runs out/test/integration/index.js, whose
 * output and exit code come back through the workbench's automation hooks.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { REPO_ROOT } from './runtime';

const TIMEOUT_MS = 5 * 60_000;

export function freshRunDir(name: string): string {
  const runDir = path.join(REPO_ROOT, 'test', 'e2e', '.run', name);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  return runDir;
}

/** A writable copy of the sample production, so tests can change sidecars freely. */
export function copySampleProduction(runDir: string): string {
  const workspace = path.join(runDir, 'workspace', 'salt-line');
  cpSync(path.join(REPO_ROOT, 'examples', 'salt-line'), workspace, { recursive: true });
  return workspace;
}

/** A repository that is not a production: 10,000 source files and a README, no sidecar, no configuration. */
export function makeUnrelatedRepository(runDir: string): string {
  const workspace = path.join(runDir, 'workspace', 'unrelated');
  for (let folder = 0; folder < 100; folder++) {
    const dir = path.join(workspace, 'src', `module${folder}`);
    mkdirSync(dir, { recursive: true });
    for (let file = 0; file < 100; file++)
      writeFileSync(path.join(dir, `part${file}.ts`), `export const part${file} = ${folder * 100 + file};\n`);
  }
  writeFileSync(path.join(workspace, 'README.md'), '# A library\n\nNothing to do with film.\n');
  return workspace;
}

/**
 * Runs the entry `out/test/<testsDir>/index.js` (its `run()`) inside a real VS Code opened on a
 * fresh copy of the sample production, or on `workspace` when given.
 */
export async function runSuite(
  name: string,
  testsDir: string,
  options: {
    workspaceTrust?: boolean;
    workspace?: (runDir: string) => string;
    /** A file the window opens as it starts (as `code FILE` would), relative to the workspace. */
    openFile?: string;
    cacheDir?: string;
    /** The extension under development: this repository unless given. */
    extensionPath?: string;
  } = {},
): Promise<number> {
  const started = Date.now();
  const runDir = freshRunDir(name);
  const workspace = (options.workspace ?? copySampleProduction)(runDir);
  const editor = await startCodeServer(runDir, options);
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    let finish!: (code: number) => void;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    browser = await launchBrowser(path.join(runDir, 'chromium-profile'), async (page) => {
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        // The extension host forwards console calls with their printf-style arguments.
        (type === 'error' ? process.stderr : process.stdout).write(`${format(...(args as [unknown, ...unknown[]]))}\n`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    });
    const payload = [
      ['extensionDevelopmentPath', editor.remoteUri(options.extensionPath ?? REPO_ROOT)],
      ['extensionTestsPath', editor.remoteUri(path.join(REPO_ROOT, 'out', 'test', testsDir, 'index'))],
      ...(options.openFile ? [['openFile', editor.remoteUri(path.join(workspace, options.openFile))]] : []),
    ];
    await browser.page.goto(
      `${editor.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), TIMEOUT_MS).unref());
    const code = await Promise.race([finished, timeout]);
    if (code === -1) console.error(`The ${name} suite did not finish within ${TIMEOUT_MS / 1000} s.`);
    console.log(
      `${name} suite in a real VS Code (code-server 4.100.3): exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return code === 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await editor.stop();
  }
}

/**
 * The integration suite in a trusted workspace, the restricted-mode suite in an untrusted one,
 * then, in a repository that is not a production, the lazy-start suite and (in a window of its
 * own, where no file has started the extension) the first tag's; last, the sample production in a
 * window that opens with its tagged script (the first look before the workbench).
 */
async function main(): Promise<number> {
  const trusted = await runSuite('integration', 'integration');
  const untrusted = await runSuite('untrusted', 'untrusted', { workspaceTrust: true });
  const unrelated = await runSuite('unrelated', 'unrelated', { workspace: makeUnrelatedRepository });
  const startedByCommand = await runSuite('started-by-command', 'startedByCommand', { workspace: makeUnrelatedRepository });
  const openedWithScript = await runSuite('opened-with-script', 'openedWithScript', { openFile: 'script/salt-line.fountain' });
  return trusted || untrusted || unrelated || startedByCommand || openedWithScript;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
