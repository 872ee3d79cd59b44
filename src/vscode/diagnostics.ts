import * as path from 'node:path';
import * as vscode from 'vscode';
import { pendingWork } from '../core/pendingWork';
import { ConfigProblem } from '../core/config/config';
import { Finding, Location } from '../core/findings';
import { keyFix, KeyFix } from '../core/json/misspelledKeys';
import { RuleDefinition, ruleDocsPath, sameRulePage, Severity } from '../core/policy/rules';
import { COMMANDS, DIAGNOSTIC_SOURCE } from './constants';
import { toUri } from './fileSystem';
import type { IndexChange, ProductionIndex } from './productionIndex';
import { yieldToEventLoop } from '../core/workspace/scan';
import { sameItems } from '../core/lists';
import { keptIn } from '../core/memo';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A file's start, where findings about a whole file (an asset, a script) are placed. Ranges are immutable. */
const FILE_START = new vscode.Range(0, 0, 0, 0);

/** Core positions are 1-based; VS Code's are 0-based. */
export function toRange(location: Pick<Location, 'start' | 'end'>): vscode.Range {
  const { start: from, end: to } = location;
  if (from.line === 1 && from.column === 1 && to.line === 1 && to.column === 1) return FILE_START;
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

/**
 * Where a rule's link in Problems and hovers goes: a built-in rule's page rendered (the command the
 * quick fix runs; the editor lets these links run commands), another's own page or pack file.
 */
function ruleLinkTarget(extensionUri: vscode.Uri, rule: RuleDefinition | undefined, id: string): vscode.Uri {
  if (rule?.docs || rule?.packFile) return ruleDocsUri(extensionUri, rule);
  return vscode.Uri.from({ scheme: 'command', path: COMMANDS.openRuleDocs, query: JSON.stringify([id]) });
}

/**
 * A diagnostic's code: the rule, linked to its page. One object (and one address) per rule, shared
 * by all of its diagnostics (a full re-send of a large production makes tens of thousands; the
 * editor only reads it).
 */
function codeOf(extensionUri: vscode.Uri, rule: RuleDefinition | undefined, id: string): vscode.Diagnostic['code'] {
  let code = rule ? codesByRule.get(rule) : codesById.get(id);
  if (!code || code.base !== extensionUri) {
    code = { base: extensionUri, code: { value: id, target: ruleLinkTarget(extensionUri, rule, id) } };
    if (rule) codesByRule.set(rule, code);
    else codesById.set(id, code);
  }
  return code.code;
}

type SharedCode = { base: vscode.Uri; code: { value: string; target: vscode.Uri } };
/** By rule object (a catalogue replaced takes its codes with it), or by id for a rule no catalogue holds. */
const codesByRule = new WeakMap<RuleDefinition, SharedCode>();
const codesById = new Map<string, SharedCode>();

/** A finding's diagnostic at `place` (its own place unless given), with its related places. */
function toDiagnostic(
  finding: Finding,
  extensionUri: vscode.Uri,
  rule: RuleDefinition | undefined,
  uriOf: (file: string) => vscode.Uri,
  place: Location = finding,
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(place), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = codeOf(extensionUri, rule, finding.rule);
  if (place === finding && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(related.file), toRange(related)), related.message),
    );
  }
  return diagnostic;
}

/**
 * A finding's diagnostic shown somewhere else than its own place (the asset a sidecar field is
 * about, a screenplay view of the file it is on), pointing back at that place; quick fixes read
 * the finding from it as from any other.
 */
export function diagnosticOf(
  finding: Finding,
  extensionUri: vscode.Uri,
  rule: RuleDefinition | undefined,
  uriOf: (file: string) => vscode.Uri,
  place: Location,
  ownPlaceNote: string,
): vscode.Diagnostic {
  const diagnostic = toDiagnostic(finding, extensionUri, rule, uriOf, place);
  diagnostic.relatedInformation = [
    new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(finding.file), toRange(finding)), ownPlaceNote),
    ...finding.related.map(
      (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(related.file), toRange(related)), related.message),
    ),
  ];
  findingOfDiagnostic.set(diagnostic, finding);
  return diagnostic;
}

/**
 * Per turn of the event loop: time spent building diagnostics, and findings turned into them
 * (sending them to the editor costs about as much again as building, and grows with their number).
 */
const SLICE_BUDGET_MS = 4;
const FINDINGS_PER_SLICE = 250;
const CONFIGURATION = '#configuration';

/** A source to publish again with its findings, or (without them) one that is gone. */
type SourceChange =
  { key: string; findings?: undefined } | { key: string; findings: readonly unknown[]; build: () => Map<string, vscode.Diagnostic[]> };

/**
 * Publishes the production's findings as diagnostics: squiggles and Problems entries. Incremental: only
 * the sources (a sidecar's findings, the undeclared assets, configuration problems) whose findings
 * changed are turned into diagnostics again, and only the files they touch are set again, so a
 * keystroke in one script costs the same in a production of ten sidecars or ten thousand.
 */
/**
 * The finding each published diagnostic shows. The extension host hands code action providers
 * the very diagnostic objects a collection holds, so a quick fix reads its finding here instead of
 * searching every finding by file, rule and line (which two findings of one rule on a line share).
 */
const findingOfDiagnostic = new WeakMap<vscode.Diagnostic, Finding>();

/** The finding a diagnostic of this extension shows; `undefined` for any other diagnostic. */
export function findingShownBy(diagnostic: vscode.Diagnostic): Finding | undefined {
  return findingOfDiagnostic.get(diagnostic);
}

/** How a configuration diagnostic's key is to be written: a misspelled or misplaced setting (its range is the key). */
const keyFixByDiagnostic = new WeakMap<vscode.Diagnostic, KeyFix>();

export function settingKeyFixBy(diagnostic: vscode.Diagnostic): KeyFix | undefined {
  return keyFixByDiagnostic.get(diagnostic);
}

/** What diagnostics are published from: the production model, or before it exists the open files' first look (./firstLook.ts). */
export type FindingsSource = Pick<ProductionIndex, 'onDidChange' | 'sourcesToRevisit' | 'findingsOf' | 'configProblems' | 'catalogFor'>;

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ai-disclosure');
  private readonly sentFiles = new vscode.EventEmitter<readonly vscode.Uri[]>();
  /** Fires with the files whose diagnostics were just sent to the editor (the moment it is sent, unlike the editor's own debounced event). */
  readonly onDidSend = this.sentFiles.event;
  /** When each file's first findings were sent, on the extension host's clock (what start-up is measured by). */
  private readonly firstSent = new Map<string, number>();
  private subscription: vscode.Disposable;
  /** Per source: the findings last published (by identity) and their diagnostics by file. */
  private readonly published = new Map<string, { findings: readonly unknown[]; byFile: Map<string, vscode.Diagnostic[]> }>();
  /** Per file: the sources that put diagnostics on it. */
  private readonly sourcesOf = new Map<string, Set<string>>();

  constructor(
    private source: FindingsSource,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscription = source.onDidChange((change) => this.publish(change));
  }

  /**
   * Publishes from `source` from now on (the model that adopted the first look). What was sent
   * stays until the source changes it: the model keeps the look's findings as they were.
   */
  follow(source: FindingsSource): this {
    this.subscription.dispose();
    this.source = source;
    this.subscription = source.onDidChange((change) => this.publish(change));
    return this;
  }

  /**
   * Brings the diagnostics up to date with the index. A change of a few sources (a keystroke) is
   * applied at once; a whole production (the first scan: tens of thousands of diagnostics) is
   * applied a few milliseconds' worth of sources per turn, each slice one `set` call, so the host
   * keeps answering the editor. A publish asked for meanwhile takes over from where the last slice left off.
   */
  publish(change?: IndexChange): void {
    if (!change?.sources) this.pending = undefined;
    else if (this.pending) for (const source of change.sources) this.pending.add(source);
    this.wanted = true;
    if (!this.publishing) void pendingWork.track(this.publishInSlices());
  }

  private wanted = false;
  /**
   * Sources to publish again, or `undefined` for every one (a rescan). Nothing is published before
   * the first change: the open files' first findings (a change naming its sources) go out at once.
   */
  private pending: Set<string> | undefined = new Set();
  private publishing = false;
  /** What the editor was last sent, per file. */
  private readonly sent = new Map<string, vscode.Diagnostic[]>();
  private disposed = false;

  private async publishInSlices(): Promise<void> {
    this.publishing = true;
    try {
      while (this.wanted && !this.disposed) {
        this.wanted = false;
        const sources = this.pending;
        this.pending = new Set();
        // A change of everything (a rescan) arrives with the other views' work for it: start on the next turn.
        if (!sources) {
          this.uris = new Map();
          await yieldToEventLoop();
        }
        const changes = this.changedSources(sources);
        let next = 0;
        while (next < changes.length && !this.wanted && !this.disposed) {
          if (next > 0) await yieldToEventLoop();
          if (!this.wanted && !this.disposed) next = this.applyFor(changes, next, SLICE_BUDGET_MS);
        }
      }
    } finally {
      this.publishing = false;
    }
  }

  /**
   * The sources whose findings are not the ones published: new or changed (with their findings),
   * or gone. Only `sources` are looked at when the index said which changed.
   */
  private changedSources(sources: ReadonlySet<string> | undefined): SourceChange[] {
    const changes: SourceChange[] = [];
    for (const key of this.source.sourcesToRevisit(sources, this.published.keys())) {
      if (key === CONFIGURATION) continue;
      const findings = this.source.findingsOf(key);
      if (!findings) {
        if (this.published.has(key)) changes.push({ key });
      } else if (this.published.get(key)?.findings !== findings)
        changes.push({ key, findings, build: () => this.findingDiagnostics(findings) });
    }
    // Configuration problems change only with everything else (a rescan).
    const problems = this.source.configProblems;
    if (!sources && this.published.get(CONFIGURATION)?.findings !== problems)
      changes.push({ key: CONFIGURATION, findings: problems, build: () => configurationDiagnostics(problems) });
    return changes;
  }

  /**
   * Applies changes from `from` on until the slice's time or findings are spent (always at least
   * one source); returns where it stopped.
   */
  private applyFor(changes: readonly SourceChange[], from: number, budgetMs: number): number {
    const started = performance.now();
    const touched = new Set<string>();
    let next = from;
    let findings = 0;
    while (next < changes.length && (next === from || (findings < FINDINGS_PER_SLICE && performance.now() - started < budgetMs))) {
      const change = changes[next++];
      findings += change.findings?.length ?? 0;
      const known = this.published.get(change.key);
      if (known) this.forget(change.key, known.byFile, touched);
      if (!change.findings) {
        this.published.delete(change.key);
        continue;
      }
      const byFile = change.build();
      for (const file of byFile.keys()) {
        touched.add(file);
        keptIn(this.sourcesOf, file, () => new Set<string>()).add(change.key);
      }
      this.published.set(change.key, { findings: change.findings, byFile });
    }
    const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const file of touched) {
      const diagnostics = [...(this.sourcesOf.get(file) ?? [])].flatMap((key) => this.published.get(key)?.byFile.get(file) ?? []);
      // The editor is sent a file's list only when it differs: a keystroke re-checks a whole
      // sidecar, but usually changes the diagnostics of its script only.
      const sent = this.sent.get(file);
      if (sent && sameItems(sent, diagnostics)) continue;
      if (diagnostics.length > 0) {
        this.sent.set(file, diagnostics);
        if (!this.firstSent.has(file)) this.firstSent.set(file, performance.now());
      } else this.sent.delete(file);
      entries.push([this.uriOf(file), diagnostics.length > 0 ? diagnostics : undefined]);
    }
    // One message to the editor per slice, not one per file.
    if (entries.length > 0) {
      this.collection.set(entries);
      this.sentFiles.fire(entries.map(([uri]) => uri));
    }
    return next;
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
    for (const finding of findings) {
      for (const [file, diagnostic] of this.placedDiagnostics(finding)) {
        const list = byFile.get(file);
        if (list) list.push(diagnostic);
        else byFile.set(file, [diagnostic]);
      }
    }
    return byFile;
  }

  /**
   * A finding's one diagnostic: at its own place, or where an editor shows it (an asset's), pointing
   * back at the sidecar field. Kept per finding object: a re-check keeps the findings of passages
   * that did not move, so a keystroke builds diagnostics only for the few that did.
   */
  private placedDiagnostics(finding: Finding): [file: string, diagnostic: vscode.Diagnostic][] {
    const rule = this.source.catalogFor(finding.file).find(finding.rule);
    const known = this.diagnosticsOf.get(finding);
    if (known && sameRulePage(known.rule, rule)) return known.placed;
    const { shownAt } = finding;
    const diagnostic = shownAt
      ? diagnosticOf(finding, this.extensionUri, rule, this.uriOf, shownAt, `Recorded in ${path.posix.basename(finding.file)}`)
      : toDiagnostic(finding, this.extensionUri, rule, this.uriOf);
    if (!shownAt) findingOfDiagnostic.set(diagnostic, finding);
    const placed: [string, vscode.Diagnostic][] = [[shownAt?.file ?? finding.file, diagnostic]];
    this.diagnosticsOf.set(finding, { rule, placed });
    return placed;
  }

  private readonly diagnosticsOf = new WeakMap<Finding, { rule: RuleDefinition | undefined; placed: [string, vscode.Diagnostic][] }>();

  /**
   * One Uri per file for the diagnostics' related places: a sidecar's is named by each of its
   * findings, and the diagnostics are kept for as long as they are shown (fewer objects for the
   * host's collector to copy). Started afresh with each publish of everything.
   */
  private uris = new Map<string, vscode.Uri>();

  private readonly uriOf = (file: string): vscode.Uri => keptIn(this.uris, file, toUri);

  /** When a file's findings were first sent to the editor (`performance.now()` of the extension host), if they were. */
  firstSentAt(file: string): number | undefined {
    return this.firstSent.get(file);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    this.collection.dispose();
    this.sentFiles.dispose();
  }
}

function configurationDiagnostics(problems: readonly ConfigProblem[]): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const problem of problems) {
    const diagnostic = new vscode.Diagnostic(toRange(problem), `Configuration: ${problem.message}`, SEVERITY[problem.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = 'configuration';
    const { path, meant, into } = problem;
    if (path && meant !== undefined) keyFixByDiagnostic.set(diagnostic, keyFix(path, meant, into));
    byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
  }
  return byFile;
}
