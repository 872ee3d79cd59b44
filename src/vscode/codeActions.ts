import * as vscode from 'vscode';
import { findingShownBy } from './diagnostics';
import { toCorePath } from './fileSystem';
import { fixesFor } from './fixes';
import { ProductionIndex } from './productionIndex';

/** Quick fixes for the extension's own diagnostics, in scripts and in sidecars. */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly index: ProductionIndex) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only) && !context.only.contains(vscode.CodeActionKind.QuickFix))
      return [];
    const path = toCorePath(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = findingShownBy(diagnostic);
      if (!finding) continue;
      for (const fix of fixesFor(finding, this.index.catalogFor(path).find(finding.rule))) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.command = { title: fix.title, command: fix.command, arguments: fix.args };
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        actions.push(action);
      }
    }
    return actions;
  }
}
