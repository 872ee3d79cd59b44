import * as vscode from 'vscode';
import { ConfigProblem } from '../core/config/config';
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

/**
 * Publishes the index's findings as diagnostics: squiggles and Problems entries. Incremental: only
 * the sources (a sidecar's findings, the undeclared assets, configuration problems) whose findings
 * changed are turned into diagnostics again, and only the files they touch are set again, so a
 * keystroke in one script costs the same in a production of ten sidecars or ten thousand.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-disclosure');
  private readonly subscription: vscode.Disposable;
  /** Per source: the findings last published (by identity) and their diagnostics by file. */
  private readonly published = new Map<string, { findings: readonly unknown[]; byFile: Map<string, vscode.Diagnostic[]> }>();
  /** Per file: the sources that put diagnostics on it. */
  private readonly sourcesOf = new Map<string, Set<string>>();

  constructor(
    private readonly index: ProductionIndex,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscription = index.onDidChange(() => this.publish());
  }

  publish(): void {
    const sources = new Map<string, { findings: readonly unknown[]; build: () => Map<string, vscode.Diagnostic[]> }>();
    for (const [key, findings] of this.index.findingSources()) sources.set(key, { findings, build: () => this.findingDiagnostics(findings) });
    const problems = this.index.configProblems;
    sources.set('#configuration', { findings: problems, build: () => configurationDiagnostics(problems) });

    const touched = new Set<string>();
    for (const [key, entry] of this.published) {
      if (sources.has(key)) continue;
      this.forget(key, entry.byFile, touched);
      this.published.delete(key);
    }
    for (const [key, { findings, build }] of sources) {
      const known = this.published.get(key);
      if (known?.findings === findings) continue;
      if (known) this.forget(key, known.byFile, touched);
      const byFile = build();
      for (const file of byFile.keys()) {
        touched.add(file);
        let keys = this.sourcesOf.get(file);
        if (!keys) this.sourcesOf.set(file, (keys = new Set()));
        keys.add(key);
      }
      this.published.set(key, { findings, byFile });
    }
    for (const file of touched) {
      const diagnostics = [...(this.sourcesOf.get(file) ?? [])].flatMap((key) => this.published.get(key)?.byFile.get(file) ?? []);
      if (diagnostics.length > 0) this.collection.set(toUri(file), diagnostics);
      else this.collection.delete(toUri(file));
    }
  }

  private forget(key: string, byFile: Map<string, vscode.Diagnostic[]>, touched: Set<string>): void {
    for (const file of byFile.keys()) {
      touched.add(file);
      const keys = this.sourcesOf.get(file);
      keys?.delete(key);
      if (keys?.size === 0) this.sourcesOf.delete(file);
    }
  }

  private findingDiagnostics(findings: readonly Finding[]): Map<string, vscode.Diagnostic[]> {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, diagnostic: vscode.Diagnostic) => {
      const list = byFile.get(file);
      if (list) list.push(diagnostic);
      else byFile.set(file, [diagnostic]);
    };
    for (const finding of findings) {
      const rule = this.index.catalogFor(finding.file).find(finding.rule);
      add(finding.file, toDiagnostic(finding, this.extensionUri, rule));
      // The same finding where else it is worked on, each pointing back at the primary place.
      for (const place of finding.alsoAt ?? []) {
        const mirror = toDiagnostic({ ...finding, ...place, related: [] }, this.extensionUri, rule);
        mirror.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(toUri(finding.file), toRange(finding)), 'Where this finding is reported')];
        add(place.file, mirror);
      }
    }
    return byFile;
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function configurationDiagnostics(problems: readonly ConfigProblem[]): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const problem of problems) {
    const diagnostic = new vscode.Diagnostic(toRange(problem), `Configuration: ${problem.message}`, SEVERITY[problem.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = 'configuration';
    byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
  }
  return byFile;
}
