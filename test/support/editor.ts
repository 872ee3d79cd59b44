import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AiDisclosureApi } from '../../src/vscode/extension';
import type { Workbench } from '../../src/vscode/workbench';

export const EXTENSION_ID = 'ai-disclosure.ai-disclosure';
export const SOURCE = 'AI Disclosure';

/** The extension's entry, activated, once it has looked for a production (and scanned one it found). */
export async function activateEntry(): Promise<AiDisclosureApi> {
  const extension = vscode.extensions.getExtension<AiDisclosureApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const entry = await extension.activate();
  await entry.whenSettled();
  return entry;
}

/** The extension's workbench (model and views), loaded, with the production's first scan done. */
export async function activateExtension(): Promise<Workbench> {
  const workbench = await (await activateEntry()).workbench();
  await workbench.index.whenReady();
  return workbench;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs the sample production open as the workspace');
  return folder.uri;
}

export function inWorkspace(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Resolves once the diagnostics of `uri` satisfy `accept`, checked now and on every change event. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = ourDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(
          `diagnostics of ${vscode.workspace.asRelativePath(uri)} never matched; last: ${JSON.stringify(ourDiagnostics(uri).map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`))}`,
        ),
      );
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads what the extension wrote and asserts on it
export async function readJson(uri: vscode.Uri): Promise<any> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Runs one step of a test, naming it in the error when it fails (editor calls fail tersely, e.g. "Canceled"). */
export async function step<T>(name: string, run: () => Thenable<T> | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Resolves once `accept()` holds, checked now and after every change of the extension's model. */
export async function eventually<T>(
  subscribe: vscode.Event<unknown>,
  accept: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const first = await accept();
  if (first !== undefined) return first;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const subscription = subscribe(async () => {
      const value = await accept();
      if (value === undefined) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * For a suite that edits the production's .aidisclosure.json: keeps the original, and after the
 * suite restores it and waits until `restored` holds again.
 */
export function editsProjectConfig(
  restored: () => Promise<unknown>,
  alsoEdits: vscode.Uri[] = [],
): { uri: vscode.Uri; original: () => string } {
  const uri = inWorkspace('.aidisclosure.json');
  const originals = new Map<vscode.Uri, string>();
  before(async () => {
    await activateExtension();
    for (const file of [uri, ...alsoEdits]) originals.set(file, new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  });
  after(async () => {
    for (const [file, text] of originals) await writeText(file, text);
    await restored();
  });
  return { uri, original: () => originals.get(uri) ?? '' };
}

/** Quick fixes offered at a diagnostic, once the language servers of the file answer requests. */
export async function quickFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  for (let attempt = 1; ; attempt++) {
    // Built-in language servers cancel requests while they start, which aborts the editor's code
    // action command for every provider: wait until the file's symbols are answered.
    await step('wait for the language servers', () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri));
    const actions = await step('ask for quick fixes', () =>
      vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        vscode.CodeActionKind.QuickFix.value,
      ),
    );
    // An aborted request answers nothing at all, where every finding offers at least its rule's
    // page (a JSON server, slower to start on a fresh machine, has been seen to cancel again): ask again.
    if (actions.length > 0 || attempt === QUICK_FIX_ATTEMPTS) return actions;
    console.log(`quick fixes at ${uri.path}:${range.start.line + 1}: none in answer ${attempt}, asking again`);
  }
}

const QUICK_FIX_ATTEMPTS = 5;

/** The quick fix titled `title` at `range`, checked to be offered first (preferred), and every fix offered there. */
export async function preferredQuickFix(
  uri: vscode.Uri,
  range: vscode.Range,
  title: string,
): Promise<{ fix: vscode.CodeAction; offered: vscode.CodeAction[] }> {
  const offered = await quickFixesAt(uri, range);
  const fix = offered.find((action) => action.title === title);
  assert.ok(fix?.isPreferred, offered.map((action) => action.title).join(' | '));
  return { fix, offered };
}

/** Runs a command as the editor does when its lens, link or quick fix is clicked. */
export async function executeCommandOf(command: vscode.Command): Promise<unknown> {
  return vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

/** The text of every hover at a position, Markdown source joined. */
export async function hoverTextAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
