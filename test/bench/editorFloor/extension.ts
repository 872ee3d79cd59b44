/**
 * The editor's floor for `npm run bench:first-findings`: an extension that declares what AI
 * Disclosure declares (its activation events, the Fountain language and grammar) and, once active,
 * does the least any extension must do to show an open script's findings: read the script's
 * sidecar, parse it, and publish one diagnostic per use at the line it last recorded. What a window
 * with it takes is what VS Code's own start-up leaves, that hour, to any extension's first findings.
 * The benchmark installs it in a folder of its own, with a manifest made from the extension's.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

export interface EditorFloorApi {
  /** When activation began, on the extension host's clock (`performance.now()`). */
  readonly activatedAt: number;
  /** Resolves with when the first open script's diagnostics were handed to VS Code. */
  readonly published: Promise<number>;
}

interface RecordedUse {
  id?: unknown;
  anchor?: { start?: { line?: unknown } };
}

export function activate(context: vscode.ExtensionContext): EditorFloorApi {
  const activatedAt = performance.now();
  const diagnostics = vscode.languages.createDiagnosticCollection('editor-floor');
  context.subscriptions.push(diagnostics);
  const isScript = (document: vscode.TextDocument) => document.uri.scheme === 'file' && document.uri.path.endsWith('.fountain');
  const open = vscode.workspace.textDocuments.find(isScript);
  const script = open
    ? Promise.resolve(open)
    : new Promise<vscode.TextDocument>((resolve) => {
        const opened = vscode.workspace.onDidOpenTextDocument((document) => {
          if (!isScript(document)) return;
          opened.dispose();
          resolve(document);
        });
        context.subscriptions.push(opened);
      });
  const published = script.then(async (document) => {
    const sidecar = JSON.parse(await readFile(`${document.uri.fsPath}.ai.json`, 'utf8')) as { uses: RecordedUse[] };
    diagnostics.set(
      document.uri,
      sidecar.uses.map((use) => {
        const line = typeof use.anchor?.start?.line === 'number' ? Math.max(use.anchor.start.line - 1, 0) : 0;
        return new vscode.Diagnostic(new vscode.Range(line, 0, line, 0), `AI use ${String(use.id)}`, vscode.DiagnosticSeverity.Warning);
      }),
    );
    return performance.now();
  });
  return { activatedAt, published };
}
