import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, SIDECAR_SUFFIX } from '../core/fileNames';

/** The files that make a folder a production: any sidecar, or the production's configuration. */
const PRODUCTION_FILES = `**/{*${SIDECAR_SUFFIX},${CONFIG_FILE_NAME}}`;

/**
 * Whether the workspace says at once that it is a production: a configuration file at a local
 * folder's root, or a sidecar beside a file open in the editor. A stat each, made blocking: a few
 * microseconds, where an asynchronous one's answer waits its turn behind the window's start-up.
 */
function workspaceSaysProduction(): boolean {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  const open = vscode.workspace.textDocuments.filter((doc) => doc.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(doc.uri));
  return [
    ...folders.map((folder) => vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME)),
    ...open.map((doc) => doc.uri.with({ path: `${doc.uri.path}${SIDECAR_SUFFIX}` })),
  ].some((uri) => exists(uri.fsPath));
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // Unreadable on the way (permissions, a file where a folder was expected): the file search decides.
    return false;
  }
}

/**
 * Whether any local workspace folder holds a sidecar or a configuration file. VS Code's file
 * search answers when the workspace does not say so at once (it stops at the first match, and
 * reads no file), so a README opened in an unrelated repository costs the extension no walk of
 * its own.
 */
export async function workspaceIsProduction(): Promise<boolean> {
  if (workspaceSaysProduction()) return true;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, PRODUCTION_FILES), undefined, 1);
    if (found.length > 0) return true;
  }
  return false;
}

/**
 * Calls `start` once the workspace becomes a production: a sidecar or configuration file appears
 * (written by hand, by the CLI or by git), or a folder that holds one is added.
 */
export function whenWorkspaceBecomesProduction(start: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(PRODUCTION_FILES, false, true, true);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(() => start()),
    vscode.workspace.onDidChangeWorkspaceFolders(async () => {
      if (await workspaceIsProduction()) start();
    }),
  );
}
