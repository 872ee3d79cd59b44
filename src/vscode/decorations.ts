import * as vscode from 'vscode';
import { UseStatus } from '../core/policy/evaluate';
import { ProductionIndex } from './productionIndex';
import { placedPassagesIn } from './screenplay';
import { readSettings } from './settings';

const ATTENTION: ReadonlySet<UseStatus> = new Set(['violation', 'denied', 'needs-approval', 'pending']);

/** Gutter marks and a subtle background on tagged passages in visible editors. */
export class TaggedPassageDecorations implements vscode.Disposable {
  private types: { ok: vscode.TextEditorDecorationType; attention: vscode.TextEditorDecorationType } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly index: ProductionIndex,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.createTypes();
    this.disposables.push(
      index.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('aiDisclosure.decorations')) {
          this.createTypes();
          this.refresh();
        }
      }),
    );
  }

  private createTypes(): void {
    this.disposeTypes();
    const settings = readSettings();
    if (!settings.decorationsEnabled) return;
    const make = (icon: string, background: string) =>
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.joinPath(this.extensionUri, 'media', icon),
        gutterIconSize: 'contain',
        isWholeLine: true,
        backgroundColor: settings.taggedBackground ? new vscode.ThemeColor(background) : undefined,
        overviewRulerColor: new vscode.ThemeColor(background),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
      });
    this.types = {
      ok: make('gutter-tag.svg', 'aiDisclosure.taggedBackground'),
      attention: make('gutter-tag-attention.svg', 'aiDisclosure.attentionBackground'),
    };
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!this.types) continue;
      const passages = placedPassagesIn(this.index, editor.document.uri);
      const ranges = (attention: boolean) => passages.filter((p) => ATTENTION.has(p.record.status) === attention).map((p) => p.range);
      editor.setDecorations(this.types.ok, ranges(false));
      editor.setDecorations(this.types.attention, ranges(true));
    }
  }

  /** Ranges currently decorated in a document, for tests and the status bar. */
  taggedRanges(uri: vscode.Uri): vscode.Range[] {
    return placedPassagesIn(this.index, uri).map((p) => p.range);
  }

  private disposeTypes(): void {
    this.types?.ok.dispose();
    this.types?.attention.dispose();
    this.types = undefined;
  }

  dispose(): void {
    this.disposeTypes();
    for (const d of this.disposables) d.dispose();
  }
}
