/**
 * Times activation the way VS Code splits it, code loading then the activate() call, for the
 * benchmark, then the first use in a production: loading the first look's bundle (what an open
 * script's findings wait for), then the workbench's, and building it. Each bundle is
 * loaded in a fresh Node process with a stand-in `vscode` module that answers every call (the
 * real editor's work behind those calls is not counted).
 * Usage: node out/test/bench/activation.js dist/extension.js
 */
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Any property, call or construction gives back the stand-in itself. */
const standIn: unknown = new Proxy(function standInFunction() {}, {
  get: (_target, key) =>
    key === 'then' ? undefined : key === Symbol.iterator ? [][Symbol.iterator] : key === Symbol.toPrimitive ? () => '' : standIn,
  set: () => true,
  defineProperty: () => true,
  apply: () => standIn,
  construct: () => standIn as object,
});

/** The API names the extension uses, each answered by the stand-in (a bundle copies the module's own keys). */
const API =
  'CodeAction CodeActionKind CodeLens Diagnostic DiagnosticRelatedInformation DiagnosticSeverity Disposable DocumentSymbol EventEmitter FileDecoration FileSystemError FileType Hover Location MarkdownString OverviewRulerLane Position ProgressLocation Range StatusBarAlignment SymbolKind ThemeColor ThemeIcon TreeItem TreeItemCollapsibleState Uri ViewColumn WorkspaceEdit Selection commands env extensions languages l10n window workspace';
const vscodeModule = Object.fromEntries(API.split(' ').map((name) => [name, standIn]));

const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: unknown })._load = (request: string, ...rest: unknown[]) =>
  request === 'vscode' ? vscodeModule : load(request, ...rest);

const bundle = process.argv[2];
const loading = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- timing the load itself, as the editor's require does
const extension = require(bundle) as { activate(context: unknown): { workbench(): Promise<unknown> } };
const loaded = performance.now();
const context = { subscriptions: [], globalState: standIn, extensionUri: standIn, extension: { packageJSON: { version: 'bench' } } };
const entry = extension.activate(context);
const activated = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
require(path.join(path.dirname(bundle), 'firstLook.js'));
const lookLoaded = performance.now();
void entry.workbench().then(() => {
  const opened = performance.now();
  const times = { load: loaded - loading, activate: activated - loaded, firstLook: lookLoaded - activated, workbench: opened - lookLoaded };
  process.stdout.write(JSON.stringify(times));
  // The stand-in never answers the scan the extension starts in the background.
  process.exit(0);
});
