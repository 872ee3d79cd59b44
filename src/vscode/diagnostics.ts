import * as vscode from 'vscode';
import { Finding, Location } from '../core/findings';
import { RuleDefinition, ruleDocsPath, Severity } from '../core/policy/rules';
import { DIAGNOSTIC_SOURCE } from './constants';
import { toUri } from './fileSystem';
import { ProductionIndex } from './productionIndex';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Core positions are 1-based; VS Code's are 0-based. */
export function toRange(location: Pick<Location, 'start' | 'end'>): vscode.Range {
  const start = new vscode.Position(location.start.line - 1, location.start.column - 1);
  const end = new vscode.Position(location.end.line - 1, location.end.column - 1);
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

/** Where a rule is explained: a custom rule's own page or its pack file, a built-in rule's docs page. */
export function ruleDocsUri(extensionUri: vscode.Uri, rule: RuleDefinition | string): vscode.Uri {
  if (typeof rule !== 'string') {
    if (rule.docs) return vscode.Uri.parse(rule.docs, true);
    if (rule.packFile) return toUri(rule.packFile);
  }
  return vscode.Uri.joinPath(extensionUri, ruleDocsPath(typeof rule === 'string' ? rule : rule.id));
}

export function toDiagnostic(finding: Finding, extensionUri: vscode.Uri, rule: RuleDefinition | undefined): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: ruleDocsUri(extensionUri, rule ?? finding.rule) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(toUri(related.file), toRange(related)), related.message),
    );
  }
  return diagnostic;
}

/** Publishes the index's findings as diagnostics: squiggles and Problems entries. */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-disclosure');
  private readonly subscription: vscode.Disposable;
  private published = new Set<string>();

  constructor(
    private readonly index: ProductionIndex,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscription = index.onDidChange(() => this.publish());
  }

  publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, diagnostic: vscode.Diagnostic) => byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
    for (const finding of this.index.findings) {
      const rule = this.index.catalogFor(finding.file).find(finding.rule);
      add(finding.file, toDiagnostic(finding, this.extensionUri, rule));
      // The same finding where else it is worked on, each pointing back at the primary place.
      for (const place of finding.alsoAt ?? []) {
        const mirror = toDiagnostic({ ...finding, ...place, related: [] }, this.extensionUri, rule);
        mirror.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(toUri(finding.file), toRange(finding)), 'Where this finding is reported')];
        add(place.file, mirror);
      }
    }
    for (const problem of this.index.configProblems) {
      const diagnostic = new vscode.Diagnostic(toRange(problem), `Configuration: ${problem.message}`, SEVERITY[problem.severity]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = 'configuration';
      add(problem.file, diagnostic);
    }
    for (const file of this.published) if (!byFile.has(file)) this.collection.delete(toUri(file));
    for (const [file, diagnostics] of byFile) this.collection.set(toUri(file), diagnostics);
    this.published = new Set(byFile.keys());
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
