import { renderCsv } from './csv';
import { renderHtml } from './html';
import { jsonSteps } from './json';
import { renderMarkdown } from './markdown';
import { DisclosureReport } from './model';
import { renderSarif } from './sarif';
import { RuleCatalog } from '../policy/rules';
import { TextPieces } from '../text/pieces';
import { Steps } from '../workspace/scan';
import type { PreviousReport } from './changes';

/** Report formats; each is also the file name extension of its reports. */
export const REPORT_FORMATS = ['md', 'html', 'csv', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** The release that made the report, named in SARIF's tool section. */
  toolVersion: string;
  /** Where SARIF finds the rules it describes (custom packs' included); built-in rules by default. */
  catalog?: RuleCatalog;
  /** The previous report (`--since`): SARIF marks each result new, unchanged or updated against it. */
  since?: PreviousReport;
}

/**
 * Renders the report model (the same model always gives the same bytes) in steps of a few hundred
 * rows, so an editor can render between its other work, and as pieces, which a large report (tens
 * of megabytes) is written out as, never joined.
 */
export function* renderReportSteps(report: DisclosureReport, format: ReportFormat, options: RenderOptions): Steps<TextPieces> {
  switch (format) {
    case 'md':
      return yield* renderMarkdown(report);
    case 'html':
      return yield* renderHtml(report);
    case 'csv':
      return yield* renderCsv(report);
    case 'json':
      return [...(yield* jsonSteps(report)), '\n'];
    case 'sarif':
      return yield* renderSarif(report, options.toolVersion, options.catalog, options.since);
  }
}
