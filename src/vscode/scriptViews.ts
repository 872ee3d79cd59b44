import * as vscode from 'vscode';
import { readFountain } from '../core/anchor/fountain';
import { STATUS_LABELS } from '../core/policy/evaluate';
import { useName } from '../core/sidecar/schema';
import { COMMANDS } from './constants';
import { ProductionIndex } from './productionIndex';
import { placedPassagesIn } from './screenplay';
import { readSettings } from './settings';

/** A line above each tagged passage: which use, where it stands; and for re-found tags, a way to accept. */
export class TaggedPassageLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly index: ProductionIndex) {
    this.subscriptions = [
      index.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('aiDisclosure.codeLens') && this.changed.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readSettings().codeLensEnabled) return [];
    return placedPassagesIn(this.index, document.uri).flatMap(({ record, range }) => {
      const { start } = range;
      const at = new vscode.Range(start, start);
      const lenses = [
        new vscode.CodeLens(at, {
          title: `$(sparkle) AI: ${useName(record.use)} · ${record.use.tool.name} · ${STATUS_LABELS[record.status]}`,
          tooltip: 'Review or change this use in a form',
          command: COMMANDS.editUse,
          arguments: [record.sidecar, record.use.id],
        }),
      ];
      if (record.match && !record.match.exact) {
        lenses.push(
          new vscode.CodeLens(at, {
            title: `Re-found after edits (${Math.round(record.match.similarity * 100)}% match): accept`,
            tooltip: 'Record the passage where it is now; saving the script does the same',
            command: COMMANDS.acceptAnchor,
            arguments: [record.sidecar, record.use.id],
          }),
        );
      }
      return lenses;
    });
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The Fountain outline: sections, and scenes under them, with AI-tagged scenes marked. */
export class FountainOutline implements vscode.DocumentSymbolProvider {
  constructor(private readonly index: ProductionIndex) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const text = document.getText();
    const structure = readFountain(text);
    const tagged = placedPassagesIn(this.index, document.uri);
    const roots: vscode.DocumentSymbol[] = [];
    const open: { level: number; symbol: vscode.DocumentSymbol }[] = [];
    const lineRange = (offset: number) => document.lineAt(document.positionAt(offset).line).range;

    type Entry = { offset: number; section?: (typeof structure.sections)[number]; scene?: (typeof structure.scenes)[number] };
    const entries: Entry[] = [
      ...structure.sections.map((section) => ({ offset: section.start, section })),
      ...structure.scenes.map((scene) => ({ offset: scene.start, scene })),
    ].sort((a, b) => a.offset - b.offset);
    for (const entry of entries) {
      if (entry.section) {
        const { section } = entry;
        const symbol = new vscode.DocumentSymbol(
          section.title || '(section)',
          '',
          vscode.SymbolKind.Module,
          lineRange(section.start),
          lineRange(section.start),
        );
        while (open.length > 0 && open[open.length - 1].level >= section.level) open.pop();
        (open.length > 0 ? open[open.length - 1].symbol.children : roots).push(symbol);
        open.push({ level: section.level, symbol });
        continue;
      }
      const { scene } = entry;
      if (!scene) continue;
      const range = new vscode.Range(document.positionAt(scene.start), document.positionAt(scene.end));
      const uses = tagged.filter((t) => t.range.intersection(range)?.isEmpty === false);
      const detail = [
        scene.number ? `#${scene.number}` : '',
        uses.length > 0 ? `AI: ${uses.map((u) => useName(u.record.use)).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const symbol = new vscode.DocumentSymbol(
        scene.heading,
        detail,
        uses.length > 0 ? vscode.SymbolKind.Event : vscode.SymbolKind.Class,
        range,
        lineRange(scene.start),
      );
      (open.length > 0 ? open[open.length - 1].symbol.children : roots).push(symbol);
      // Grow the enclosing sections to cover their scenes, as outlines expect.
      for (const { symbol: section } of open) section.range = section.range.union(range);
    }
    return roots;
  }
}
