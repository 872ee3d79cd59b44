import { RuleCatalog, Severity } from '../policy/rules';
import { DisclosureReport, ReportFinding } from './model';
import { jsonSteps } from './json';
import { TextPieces } from '../text/pieces';
import { mapInSteps, Steps } from '../workspace/scan';
import { findingKey, PreviousReport, previousFindings } from './changes';

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } satisfies Record<
  Severity,
  string
>;
const ROOT = 'PRODUCTIONROOT';

/** SARIF's word for how a result compares with the previous report's (by use or file, and rule). */
function baselineState(before: ReadonlyMap<string, string>, finding: ReportFinding): 'new' | 'unchanged' | 'updated' {
  const message = before.get(findingKey(finding));
  return message === undefined ? 'new' : message === finding.message ? 'unchanged' : 'updated';
}

function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 for code-scanning tools: every rule described, every finding a result (in steps, see renderReportSteps). */
export function* renderSarif(
  report: DisclosureReport,
  toolVersion: string,
  catalog: RuleCatalog = RuleCatalog.builtIn,
  since?: PreviousReport,
): Steps<TextPieces> {
  const before = since && previousFindings(since);
  const findings: ReportFinding[] = [...report.guidelineFindings, ...report.integrityFindings].flatMap((g) => g.findings);
  // The rules of the packs this report was made with, the only ones that could produce results.
  const packs = new Set(report.packs.map((p) => p.id));
  const rules = catalog.rules.filter((rule) => packs.has(rule.pack));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'AI Disclosure',
            semanticVersion: toolVersion,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.title
                .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : ''))
                .replace(/^./, (c) => c.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.guideline },
              help: { text: rule.remedy, markdown: `**What to do:** ${rule.remedy}\n\nSource: ${rule.source}` },
              ...(rule.docs ? { helpUri: rule.docs } : {}),
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { family: rule.family, source: rule.source },
            })),
          },
        },
        originalUriBaseIds: { [ROOT]: { description: { text: 'The production folder the report was made for' } } },
        columnKind: 'utf16CodeUnits',
        results: yield* mapInSteps(findings, (f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file), uriBaseId: ROOT },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          // Stable across runs and edits, so code-scanning tools track one alert per use and rule.
          partialFingerprints: { 'aiDisclosureUseRule/v1': `${f.useId ?? f.file}:${f.rule}` },
          ...(before ? { baselineState: baselineState(before, f) } : {}),
          ...(f.useId ? { properties: { useId: f.useId } } : {}),
        })),
        properties: {
          generatedAt: report.generatedAt,
          production: report.production.name,
          ...(report.changes ? { changesSinceLastReport: report.changes } : {}),
        },
      },
    ],
  };
  return [...(yield* jsonSteps(log)), '\n'];
}
