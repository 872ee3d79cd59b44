import * as vscode from 'vscode';
import { Finding, Location } from '../core/findings';
import { KeyFix, keyFixTitle } from '../core/json/misspelledKeys';
import { withKeyMoved } from '../core/json/textEdits';
import { formattingOf } from '../core/sidecar/edit';
import { detectLineEnding } from '../core/sidecar/serialize';
import { isSidecarPath } from '../core/sidecar/paths';
import { findingShownBy, settingKeyFixBy, toRange } from './diagnostics';
import { toCorePath } from './fileSystem';
import { fixesFor, fixKey } from './fixes';
import { ProductionIndex } from './productionIndex';

/**
 * Quick fixes for the extension's own diagnostics, in scripts and in sidecars; in a sidecar also
 * for the findings its fields cause, whose one Problems entry is on the passage or asset.
 */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly index: ProductionIndex) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix))
      return [];
    const path = toCorePath(document.uri);
    const catalog = this.index.catalogFor(path);
    // One action per remedy: several findings of a use share its approval, its removal, a rule's page.
    const actions = new Map<string, vscode.CodeAction>();
    const offer = (finding: Finding, diagnostic?: vscode.Diagnostic) => {
      for (const fix of fixesFor(finding, catalog.find(finding.rule))) {
        const key = fixKey(fix);
        const known = actions.get(key);
        if (known) {
          if (diagnostic) known.diagnostics = [...(known.diagnostics ?? []), diagnostic];
          continue;
        }
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.command = { title: fix.title, command: fix.command, arguments: fix.args };
        if (diagnostic) action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        actions.set(key, action);
      }
    };
    const shown = new Set<Finding>();
    for (const diagnostic of context.diagnostics) {
      const finding = findingShownBy(diagnostic);
      const keyFix = settingKeyFixBy(diagnostic) ?? (finding?.rule === 'invalid-sidecar' ? finding.misspelled : undefined);
      const rewrite = keyFix && keyFixAction(document, diagnostic, keyFix);
      if (rewrite) actions.set(`key ${JSON.stringify(keyFix.path)}`, rewrite);
      if (!finding) continue;
      shown.add(finding);
      offer(finding, diagnostic);
    }
    if (isSidecarPath(path)) {
      for (const finding of this.index.findingsOf(path) ?? []) {
        if (shown.has(finding)) continue;
        const field = fieldOf(finding, path);
        if (field && toRange(field).intersection(range)) offer(finding);
      }
    }
    return [...actions.values()];
  }
}

/**
 * A misspelled key renamed where it stands, or a misplaced one moved inside the object it belongs
 * in, in a file the store does not write (a configuration, a sidecar that does not validate): an
 * edit of the document like the editor's own quick fixes (undone with Undo, applied once saved).
 */
function keyFixAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: KeyFix): vscode.CodeAction | undefined {
  const edit = keyFixEdit(document, diagnostic.range, fix);
  if (!edit) return undefined;
  const action = new vscode.CodeAction(keyFixTitle(fix), vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

/**
 * The edit that fixes the key `range` holds in `document`: renamed where it stands, or moved inside
 * the object it belongs in (the document rewritten, its layout kept); none when the range no longer
 * holds that key (the document was edited since it was checked), or the move would overwrite a field.
 */
export function keyFixEdit(
  document: vscode.TextDocument,
  range: vscode.Range,
  { path, meant, into }: KeyFix,
): vscode.WorkspaceEdit | undefined {
  if (document.getText(range) !== JSON.stringify(path.at(-1))) return undefined;
  const edit = new vscode.WorkspaceEdit();
  if (into === undefined) {
    edit.replace(document.uri, range, JSON.stringify(meant));
    return edit;
  }
  const text = document.getText();
  const moved = withKeyMoved(text, path, into, meant, formattingOf(text, detectLineEnding(text)));
  if (moved === undefined) return undefined;
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), moved);
  return edit;
}

/** The sidecar field a finding is about: its own place, or its related entry in that sidecar. */
function fieldOf(finding: Finding, sidecar: string): Location | undefined {
  return finding.file === sidecar ? finding : finding.related.find((place) => place.file === sidecar);
}
