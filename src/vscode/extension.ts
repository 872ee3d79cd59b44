/**
 * The extension's entry: activation registers the command ids and the AI Uses view and asks
 * whether the workspace is a production, nothing more. The workbench (model, checks, views,
 * providers; ./workbench, its own bundle) is loaded on first use: a production found, a command
 * run, the AI Uses view shown. In a production, the open files' first look (./firstLook, a small
 * bundle) comes before it, so their findings do not wait for the rest to load. A README in an
 * unrelated repository does not activate it at all (package.json starts it on a production's
 * files, a Fountain script, a command or the view), and where it does start, activation costs
 * other extensions almost nothing.
 */
import * as vscode from 'vscode';
import { COMMANDS, SCREENPLAY_SCHEME, USE_FORM_VIEW_TYPE, USES_VIEW_ID } from './constants';
import { whenWorkspaceBecomesProduction, workspaceIsProduction } from './productionPresence';
import type { Workbench } from './workbench';
import type { FirstLook } from './firstLook';
import { join } from 'node:path';
import { CachedBundle, loadWithCodeCache } from '../core/fs/userCache';
import { keptIn } from '../core/memo';

/** What activate() hands back, for the integration tests and other extensions. */
export interface AiDisclosureApi {
  /** Whether the workbench has been loaded (it is not in a workspace that is not a production). */
  readonly isLoaded: boolean;
  /** The workbench, loaded now if it was not yet. */
  workbench(): Promise<Workbench>;
  /** Resolves once the look for a production is done, and the first scan too when there is one. */
  whenSettled(): Promise<void>;
  /** When activation began and the first scan ended, on the extension host's clock (`performance.now()`). */
  readonly startup: { activatedAt: number; productionFoundAt?: number; workbenchAt?: number; scannedAt?: number };
}

export function activate(extension: vscode.ExtensionContext): AiDisclosureApi {
  const startup: AiDisclosureApi['startup'] = { activatedAt: performance.now() };
  let loading: Promise<Workbench> | undefined;
  let lookedFirst: Promise<void> | undefined;
  let firstLook: FirstLook | undefined;
  // Each loaded once, on first use, with V8's code cache (kept after the first scan).
  const bundles = new Map<string, CachedBundle>();
  const loadBundle = (name: 'firstLook' | 'workbench'): unknown =>
    keptIn(bundles, name, () => loadWithCodeCache(join(__dirname, `${name}.js`), name)).exports;
  const load = (): Promise<Workbench> =>
    (loading ??= Promise.resolve().then(() => {
      const { openWorkbench } = loadBundle('workbench') as typeof import('./workbench');
      const workbench = openWorkbench(extension, firstLook);
      startup.workbenchAt = performance.now();
      return workbench;
    }));
  const startIndex = async (): Promise<void> => {
    // The open files' findings first, from the small bundle; the workbench, most of the code,
    // loads once they are shown.
    lookedFirst ??= Promise.resolve().then(() => {
      if (loading) return undefined;
      const { lookAtOpenFiles } = loadBundle('firstLook') as typeof import('./firstLook');
      firstLook = lookAtOpenFiles(extension);
      return firstLook.shown;
    });
    await lookedFirst;
    const workbench = await load();
    workbench.index.start();
    await workbench.index.whenReady();
    startup.scannedAt ??= performance.now();
    for (const bundle of bundles.values()) bundle.keep();
  };

  const usesView = new UsesViewOnFirstLook(load);
  const screenplays = new ScreenplaysOnFirstLook(load);
  extension.subscriptions.push(
    screenplays,
    vscode.workspace.registerTextDocumentContentProvider(SCREENPLAY_SCHEME, screenplays),
    ...Object.values(COMMANDS).map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => (await load()).execute(id, args)),
    ),
    usesView,
    vscode.window.createTreeView(USES_VIEW_ID, { treeDataProvider: usesView, showCollapseAll: true }),
    whenWorkspaceBecomesProduction(() => void startIndex()),
    // Restored or opened forms ask at once: the provider is the workbench's, loaded on first use.
    vscode.window.registerCustomEditorProvider(
      USE_FORM_VIEW_TYPE,
      {
        resolveCustomTextEditor: async (document, panel) => {
          const workbench = await load();
          workbench.index.start();
          workbench.useForms.resolveCustomTextEditor(document, panel);
        },
      },
      { webviewOptions: { enableFindWidget: true } },
    ),
  );
  const settled = workspaceIsProduction().then(
    (production) => {
      if (!production) return undefined;
      startup.productionFoundAt = performance.now();
      return startIndex();
    },
    (error: unknown) => console.error('AI Disclosure could not look for the production', error),
  );
  return {
    get isLoaded() {
      return loading !== undefined;
    },
    workbench: load,
    startup,
    whenSettled: async () => {
      await settled;
      if (loading) await (await loading).index.whenReady();
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}

/**
 * The AI Uses view's data: the workbench's tree, loaded when the view is first shown (a person who
 * opens the view wants to see the production).
 */
class UsesViewOnFirstLook implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  private forwarding: vscode.Disposable | undefined;
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly load: () => Promise<Workbench>) {}

  private async tree(): Promise<Workbench['usesView']> {
    const { usesView } = await this.load();
    this.forwarding ??= usesView.onDidChangeTreeData((node) => this.changed.fire(node));
    return usesView;
  }

  async getChildren(node?: unknown): Promise<unknown[]> {
    return (await this.tree()).getChildren(node as Parameters<Workbench['usesView']['getChildren']>[0]);
  }

  async getTreeItem(node: unknown): Promise<vscode.TreeItem> {
    return (await this.tree()).getTreeItem(node as Parameters<Workbench['usesView']['getTreeItem']>[0]);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}

/** Final Draft screenplay views (editors restored at start-up ask at once): rendered by the workbench, loaded on first use. */
class ScreenplaysOnFirstLook implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private forwarding: vscode.Disposable | undefined;
  readonly onDidChange = this.changed.event;

  constructor(private readonly load: () => Promise<Workbench>) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { screenplays } = await this.load();
    this.forwarding ??= screenplays.onDidChange((view) => this.changed.fire(view));
    return screenplays.provideTextDocumentContent(uri);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
