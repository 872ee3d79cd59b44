import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { minimatch } from 'minimatch';
import { REPO_ROOT } from '../support/fixtures';

interface LaunchConfiguration {
  type: string;
  args?: string[];
  outFiles?: string[];
  preLaunchTask?: string;
}
interface Task {
  type: string;
  script?: string;
  isBackground?: boolean;
  problemMatcher?: { background?: { activeBegin: string; activeEnd: string } };
}

const readJsonc = <T>(file: string): T => parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;
const manifest = readJsonc<{ main: string; scripts: Record<string, string> }>('package.json');
const launch = readJsonc<{ configurations: LaunchConfiguration[] }>('.vscode/launch.json');
const tasks = readJsonc<{ tasks: Task[] }>('.vscode/tasks.json');
const taskNamed = (label: string | undefined) => tasks.tasks.find((task) => `${task.type}: ${task.script}` === label);

describe('F5 on a fresh clone', () => {
  const host = launch.configurations.find((c) => c.type === 'extensionHost' && !c.args?.some((a) => a.includes('extensionTestsPath')));

  it('launches an Extension Development Host whose outFiles hold the bundle package.json runs', () => {
    assert.ok(host, 'an extensionHost launch configuration');
    assert.ok(host.args?.includes('--extensionDevelopmentPath=${workspaceFolder}'));
    const main = path.posix.join('${workspaceFolder}', manifest.main);
    assert.ok(
      host.outFiles?.some((glob) => minimatch(main, glob)),
      `outFiles ${JSON.stringify(host.outFiles)} hold ${main}`,
    );
  });

  it('builds first with a watch task that writes that bundle and tells VS Code when a build is done', () => {
    const task = taskNamed(host?.preLaunchTask);
    assert.ok(task?.script, `preLaunchTask "${host?.preLaunchTask}" is a task of tasks.json`);
    assert.equal(task.isBackground, true);
    const command = manifest.scripts[task.script];
    assert.match(command, /scripts\/build\.mjs --watch/);
    const background = task.problemMatcher?.background;
    assert.ok(background);
    // The build prints exactly these lines (scripts/build.mjs): the matcher must recognise them.
    const build = readFileSync(path.join(REPO_ROOT, 'scripts/build.mjs'), 'utf8');
    assert.ok(new RegExp(background.activeBegin).test('[watch] build started') && build.includes("'[watch] build started'"));
    assert.ok(new RegExp(background.activeEnd).test('[watch] build finished') && build.includes("'[watch] build finished'"));
    assert.ok(build.includes(`outfile: '${manifest.main.replace(/^\.\//, '')}'`), `build.mjs writes ${manifest.main}`);
  });

  it('names only npm scripts that exist in every task', () => {
    for (const task of tasks.tasks)
      if (task.type === 'npm') assert.ok(task.script && manifest.scripts[task.script], `npm script ${task.script}`);
  });
});
