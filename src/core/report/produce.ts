import { FileSystem } from '../fs/fileSystem';
import { TextPieces } from '../text/pieces';
import { CheckCaches, CheckResult } from '../workspace/check';
import { checkProduction } from '../workspace/production';
import { ResultCache } from '../workspace/resultCache';
import { runStepsInTurns } from '../workspace/scan';
import { buildReportSteps, DisclosureReport } from './model';
import { renderReportSteps, ReportFormat } from './render';
import type { PreviousReport } from './changes';

export interface ProduceOptions {
  generatedAt: Date;
  toolVersion: string;
  /** Only uses and findings about files this accepts (selected folders, one open script). */
  scope?: (file: string) => boolean;
  caches?: CheckCaches;
  /** Sidecar checks kept between runs (the CLI's `--cache`). */
  results?: ResultCache;
  /** A previous report: the new one lists what changed since (`--since`). */
  since?: PreviousReport;
}

export interface ProducedReport {
  /** The rendered report, as pieces to write out (joined, tens of megabytes for a large production). */
  pieces: TextPieces;
  report: DisclosureReport;
  result: CheckResult;
}

/** Checks a production once and renders its disclosure report (the CLI). */
export async function produceReport(fs: FileSystem, root: string, format: ReportFormat, options: ProduceOptions): Promise<ProducedReport> {
  return renderCheckedReport(await checkProduction(fs, root, options.caches, options.results), format, options);
}

/**
 * Renders the disclosure report of a production already checked: the one path the CLI and the
 * editor (from its live model) share.
 */
export async function renderCheckedReport(
  checked: CheckResult,
  format: ReportFormat,
  options: Omit<ProduceOptions, 'caches' | 'results'>,
): Promise<ProducedReport> {
  const result = options.scope ? restrictTo(checked, options.scope) : checked;
  // Built and rendered a few milliseconds per turn: a large production's report takes a tenth of
  // a second or two, which an editor's host should not spend in one go.
  const report = await runStepsInTurns(
    buildReportSteps(result, { generatedAt: options.generatedAt, config: checked.config.rootConfig, since: options.since }),
  );
  const pieces = await runStepsInTurns(
    renderReportSteps(report, format, { toolVersion: options.toolVersion, catalog: checked.config.catalog, since: options.since }),
  );
  return { pieces, report, result };
}

/** Keeps the uses that cover a file in scope (or are recorded in scope) and the findings placed there. */
export function restrictTo(result: CheckResult, inScope: (file: string) => boolean): CheckResult {
  const uses = result.uses.filter((u) => inScope(u.sidecar) || u.subjects.some(inScope));
  const kept = new Set(uses.map((u) => `${u.sidecar}#${u.use.id}`));
  const findings = result.findings.filter(
    (f) => inScope(f.file) || (f.sidecar !== undefined && f.useId !== undefined && kept.has(`${f.sidecar}#${f.useId}`)),
  );
  const sidecars = new Set(uses.map((u) => u.sidecar));
  return { ...result, uses, findings, sidecarCount: sidecars.size };
}
