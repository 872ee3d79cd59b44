/**
 * The same integration suite in desktop VS Code through @vscode/test-electron, for developer
 * machines with internet (it downloads VS Code). CI runs it in code-server instead.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copySampleProduction, freshRunDir } from './runIntegration';
import { REPO_ROOT } from './runtime';

async function main(): Promise<void> {
  const workspace = copySampleProduction(freshRunDir('electron'));
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
