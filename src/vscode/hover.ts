import * as vscode from 'vscode';
import { Finding } from '../core/findings';
import { STATUS_LABELS } from '../core/policy/evaluate';
import { useName } from '../core/sidecar/schema';
import { RuleCatalog, RuleDefinition } from '../core/policy/rules';
import { UseRecord } from '../core/workspace/check';
import { COMMANDS } from './constants';
import { toCorePath } from './fileSystem';
import { Fix, fixesFor, fixKey } from './fixes';
import { ProductionIndex } from './productionIndex';
import { placedPassagesIn, scriptPathOf } from './screenplay';

const ICONS = { error: '$(error)', warning: '$(warning)', information: '$(info)', hint: '$(light-bulb)' } as const;

/** Sidecar text is user input: escape everything Markdown or HTML could act on. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (ch) => `\\${ch}`).replace(/\r?\n/g, ' ');
}

/** Inside a code span backslashes are literal, so only the backtick itself has to go. */
function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

const FINAL_WORDS = { no: 'temporary', yes: 'in the final deliverables', unknown: 'final or temporary not decided' } as const;
/** The fixes that lead a hover: a finding's own remedy and written approval; the rest sit with their finding. */
const LEADING_COMMANDS: ReadonlySet<string> = new Set([COMMANDS.recordApproval]);
/** Fixes a hover offers in its summary line instead. */
const SUMMARY_COMMANDS: ReadonlySet<string> = new Set([COMMANDS.editUse]);

/**
 * The hover for a tagged passage: one line saying what was recorded and where it stands, the main
 * fixes, then each finding in a line or two (the editor lists the findings' messages itself).
 */
export function useHoverMarkdown(record: UseRecord, catalog: RuleCatalog): vscode.MarkdownString {
  const { use } = record;
  const md = new vscode.MarkdownString('', true);
  // Command links run only for the extension's own commands, never for ids found in sidecar text.
  md.isTrusted = { enabledCommands: Object.values(COMMANDS) };
  const tool = [use.tool.name, use.tool.version].filter(Boolean).join(' ');
  const edit = commandLink('Edit', COMMANDS.editUse, [record.sidecar, use.id]);
  md.appendMarkdown(`$(sparkle) **${escapeMarkdown(useName(use))}** · ${escapeMarkdown(STATUS_LABELS[record.status])} · ${edit}\n\n`);
  md.appendMarkdown(`${escapeMarkdown(use.purpose)} · ${escapeMarkdown(tool)} (${use.tool.environment}) · ${FINAL_WORDS[use.final]}\n\n`);
  const fixes = record.findings.map((finding) => ({
    finding,
    rule: catalog.find(finding.rule),
    fixes: fixesFor(finding, catalog.find(finding.rule)),
  }));
  const leading = new Map<string, Fix>();
  for (const { fixes: offered } of fixes)
    for (const fix of offered) if (fix.preferred || LEADING_COMMANDS.has(fix.command)) leading.set(fixKey(fix), fix);
  if (leading.size > 0) md.appendMarkdown([...leading.values()].map(fixLink).join(' · ') + '\n\n');
  for (const { finding, rule, fixes: offered } of fixes)
    appendFinding(
      md,
      finding,
      rule,
      offered.filter((fix) => !leading.has(fixKey(fix)) && !SUMMARY_COMMANDS.has(fix.command)),
    );
  return md;
}

const fixLink = (fix: Fix) => commandLink(fix.title, fix.command, fix.args);

function appendFinding(md: vscode.MarkdownString, finding: Finding, rule: RuleDefinition | undefined, fixes: Fix[]): void {
  const title = `${ICONS[finding.severity]} **${escapeMarkdown(rule?.title ?? finding.rule)}**`;
  const what = rule
    ? ` What to do: ${escapeMarkdown(rule.remedy)} *${escapeMarkdown(rule.source)}*`
    : ` ${escapeMarkdown(finding.message)}`;
  md.appendMarkdown(`---\n\n${title}.${what}\n\n${fixes.map(fixLink).join(' · ')}\n\n`);
}

/** What a rule says, what to do and where it comes from. */
function appendRule(md: vscode.MarkdownString, rule: RuleDefinition): void {
  md.appendMarkdown(`*Guideline:* ${escapeMarkdown(rule.guideline)}\n\n`);
  md.appendMarkdown(`*What to do:* ${escapeMarkdown(rule.remedy)}\n\n`);
  md.appendMarkdown(`*Source:* ${escapeMarkdown(rule.source)}\n\n`);
}

/** The hover on a rule id inside a sidecar: what the rule is, with a link to its page. */
export function ruleHoverMarkdown(rule: RuleDefinition, file: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [COMMANDS.openRuleDocs] };
  md.appendMarkdown(
    `**${escapeMarkdown(rule.title)}** ${codeSpan(rule.id)} · default ${rule.defaultSeverity}${rule.clearedByApproval ? ' · settled by written approval' : ''}\n\n`,
  );
  appendRule(md, rule);
  md.appendMarkdown(commandLink('Open the rule documentation', COMMANDS.openRuleDocs, [rule.id, file]) + '\n');
  return md;
}

const RULE_ID_WORD = /[a-z][a-z0-9]*(?:-[a-z0-9]+)+/;

/** Hovers on rule ids in sidecars (suppressions, hand-written JSON), custom packs' ids included. */
export class SidecarRuleHover implements vscode.HoverProvider {
  constructor(private readonly index: ProductionIndex) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const range = document.getWordRangeAtPosition(position, RULE_ID_WORD);
    if (!range) return undefined;
    const path = toCorePath(document.uri);
    const rule = this.index.catalogFor(path).find(document.getText(range));
    return rule && new vscode.Hover(ruleHoverMarkdown(rule, path), range);
  }
}

/** Hovers on tagged passages in scripts. */
export class TaggedPassageHover implements vscode.HoverProvider {
  constructor(private readonly index: ProductionIndex) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const passages = placedPassagesIn(this.index, document.uri).filter((p) => p.range.contains(position));
    const path = scriptPathOf(document.uri);
    if (passages.length === 0 || path === undefined) return undefined;
    const catalog = this.index.catalogFor(path);
    return new vscode.Hover(
      passages.map(({ record }) => useHoverMarkdown(record, catalog)),
      passages[0].range,
    );
  }
}
