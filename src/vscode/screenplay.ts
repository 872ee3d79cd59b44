/**
 * Final Draft scripts in the editor. An `.fdx` is XML; the person tags and reads its screenplay in
 * Fountain form, a read-only document of its own scheme (`x.fdx` is shown as `x.fdx.fountain`), so
 * every Fountain feature (highlighting, outline, Tag Selection and Tag Current Scene, marks,
 * squiggles, hovers, quick fixes, CodeLens) works on it unchanged. The view is rendered again
 * whenever the `.fdx` changes on disk (a new revision saved by Final Draft, pulled from git).
 */
import * as vscode from 'vscode';
import { readFdx } from '../core/anchor/fdx';
import { FileSystem, readText } from '../core/fs/fileSystem';
import { isFinalDraftPath, sidecarPathFor } from '../core/sidecar/paths';
import { isPlaced, UseRecord } from '../core/workspace/check';
import { COMMANDS, SCREENPLAY_SCHEME } from './constants';
import { diagnosticOf, toRange } from './diagnostics';
import { toCorePath, toUri } from './fileSystem';
import { ProductionIndex } from './productionIndex';

const VIEW_SUFFIX = '.fountain';

/** The screenplay view of a Final Draft file. */
export function screenplayUriOf(fdx: vscode.Uri): vscode.Uri {
  return fdx.with({ scheme: SCREENPLAY_SCHEME, path: fdx.path + VIEW_SUFFIX });
}

function isScreenplayView(uri: vscode.Uri): boolean {
  return uri.scheme === SCREENPLAY_SCHEME && uri.path.endsWith(VIEW_SUFFIX);
}

/** The Final Draft file a screenplay view shows. */
export function fdxUriOf(view: vscode.Uri): vscode.Uri {
  return view.with({ scheme: 'file', path: view.path.slice(0, -VIEW_SUFFIX.length) });
}

/**
 * The script a document shows, as the core names it: a local file's own path, or for a screenplay
 * view the `.fdx` behind it; `undefined` for any other document.
 */
export function scriptPathOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return toCorePath(uri);
  return isScreenplayView(uri) ? toCorePath(fdxUriOf(uri)) : undefined;
}

/** Where a use's passage is in a document: in a screenplay view, its place in the view's text. */
export function passageRangeIn(uri: vscode.Uri, record: UseRecord): vscode.Range | undefined {
  const place = isScreenplayView(uri) ? record.screenplayRange : record.range;
  return place && toRange(place);
}

/** The uses placed in a document's text, with where each passage is in it. */
export function placedPassagesIn(index: ProductionIndex, uri: vscode.Uri): { record: UseRecord; range: vscode.Range }[] {
  const path = scriptPathOf(uri);
  if (path === undefined) return [];
  return index.usesFor(path).flatMap((record) => {
    const range = isPlaced(record) ? passageRangeIn(uri, record) : undefined;
    return range ? [{ record, range }] : [];
  });
}

/** Opens a Final Draft file's screenplay view, optionally with a passage selected. */
export async function showScreenplay(fdx: vscode.Uri, selection?: vscode.Range): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(screenplayUriOf(fdx));
  return vscode.window.showTextDocument(document, { selection, preview: false });
}

/** Renders `.fdx` files as Fountain, and tells the editor when one changed on disk. */
export class ScreenplayViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly fs: FileSystem) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    this.watch();
    const path = toCorePath(fdxUriOf(uri));
    if (!isScreenplayView(uri) || !isFinalDraftPath(path)) throw new Error(`${uri.toString()} is not a Final Draft screenplay view.`);
    return readFdx(await readText(this.fs, path)).text;
  }

  /** A revision arrives as a change, or as a create when it replaced the file by a rename. */
  private watch(): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*.fdx', false, false, true);
    const rendered = (fdx: vscode.Uri) => {
      const view = screenplayUriOf(fdx);
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === view.toString())) this.changed.fire(view);
    };
    this.disposables.push(this.watcher, this.watcher.onDidChange(rendered), this.watcher.onDidCreate(rendered));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Squiggles in open screenplay views: the findings of the `.fdx`'s own sidecar, each on its use's
 * passage in the view (the same finding objects, so quick fixes read them as anywhere else); a
 * finding with no passage in the view (an orphaned tag, malformed XML) at the view's start.
 */
export class ScreenplayDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-disclosure-screenplay');
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly index: ProductionIndex,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables = [
      this.collection,
      index.onDidChange(() => this.refresh()),
      vscode.workspace.onDidOpenTextDocument((document) => isScreenplayView(document.uri) && this.publish(document.uri)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
    ];
    this.refresh();
  }

  refresh(): void {
    for (const document of vscode.workspace.textDocuments) if (isScreenplayView(document.uri)) this.publish(document.uri);
  }

  private publish(view: vscode.Uri): void {
    const fdx = toCorePath(fdxUriOf(view));
    const findings = (this.index.findingsOf(sidecarPathFor(fdx)) ?? []).filter((finding) => finding.file === fdx);
    const records = new Map(this.index.usesFor(fdx).map((record) => [record.use.id, record]));
    const catalog = this.index.catalogFor(fdx);
    this.collection.set(
      view,
      findings.map((finding) => {
        const record = finding.useId === undefined ? undefined : records.get(finding.useId);
        const place = record?.screenplayRange ?? { file: fdx, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
        return diagnosticOf(finding, this.extensionUri, catalog.find(finding.rule), toUri, place, 'In the Final Draft file');
      }),
    );
  }

  /** The diagnostics a view shows, for tests. */
  diagnosticsOf(view: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(view) ?? [];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** On a raw `.fdx`, a line at the top that opens its screenplay view. */
export class OpenScreenplayLens implements vscode.CodeLensProvider {
  static readonly selector: vscode.DocumentSelector = { scheme: 'file', pattern: '**/*.{fdx,FDX}' };

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: '$(book) Open as Screenplay (tag scenes and passages there)',
        command: COMMANDS.openScreenplay,
        arguments: [document.uri],
      }),
    ];
  }
}
