import * as path from 'node:path';
import * as vscode from 'vscode';
import { pendingWork } from '../core/pendingWork';
import { Finding } from '../core/findings';
import { STATUS_LABELS, UseStatus } from '../core/policy/evaluate';
import { useName } from '../core/sidecar/schema';
import { UseRecord } from '../core/workspace/check';
import { compareText } from '../core/sorted';
import { sharedTurns, yieldToEventLoop } from '../core/workspace/scan';
import { COMMANDS, USES_VIEW_ID } from './constants';
import { toRange } from './diagnostics';
import { showScreenplay } from './screenplay';
import { toUri } from './fileSystem';
import { ProductionIndex } from './productionIndex';

export type GroupBy = 'status' | 'rule';
export { USES_VIEW_ID };
const GROUP_BY_CONTEXT = 'aiDisclosure.groupBy';

type Node =
  | { kind: 'group'; label: string; records: UseRecord[]; icon: vscode.ThemeIcon }
  | { kind: 'undeclared'; findings: readonly Finding[] }
  | { kind: 'use'; record: UseRecord }
  | { kind: 'finding'; finding: Finding }
  | { kind: 'more'; group: string; shown: number; total: number };

/**
 * Items a group lists before a "show more" item. A large production holds thousands of uses in one
 * group, and sending them all on each redraw held the extension host for many frames.
 */
export const USES_PAGE = 100;

/** Key of the undeclared-assets group among the page limits (labels of other groups are their keys). */
const UNDECLARED_GROUP = '\u0000undeclared';

/** Tree items of assets marked as AI-made but not recorded carry an inline "tag from metadata" action. */
const UNDECLARED_ITEM = 'undeclaredAsset';
/** Tree items of recorded uses carry an inline "edit in a form" action. */
const USE_ITEM = 'use';

const STATUS_ICONS: Record<UseStatus, vscode.ThemeIcon> = {
  violation: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  denied: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
  'needs-approval': new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  pending: new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground')),
  approved: new vscode.ThemeIcon('verified'),
  'to-notify': new vscode.ThemeIcon('bell'),
  notified: new vscode.ThemeIcon('pass'),
};

/** Quiet time after the index's last change before the view is redrawn. */
const REFRESH_DELAY_MS = 250;

/** The "AI Uses" view: every recorded use, grouped by status or by rule, with counts. */
export class UsesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private groupBy: GroupBy = 'status';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  private readonly refresh = pendingWork.debounced(REFRESH_DELAY_MS, () => this.changed.fire(undefined));
  /** How many items each group lists, once "show more" was asked for. */
  private readonly shown = new Map<string, number>();

  constructor(private readonly index: ProductionIndex) {
    // Redrawn once a burst of changes settles: the view sorts and groups every use of the
    // production, and typing in a script re-checks its sidecar at each pause between keys.
    this.subscription = index.onDidChange(() => this.refresh.trigger());
    void vscode.commands.executeCommand('setContext', GROUP_BY_CONTEXT, this.groupBy);
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupBy = groupBy;
    this.shown.clear();
    void vscode.commands.executeCommand('setContext', GROUP_BY_CONTEXT, groupBy);
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const undeclared = this.index.undeclaredFindings;
      return [...this.groups(), ...(undeclared.length > 0 ? [{ kind: 'undeclared' as const, findings: undeclared }] : [])];
    }
    if (node.kind === 'group') return this.page(node.label, node.records, (record) => ({ kind: 'use', record }));
    if (node.kind === 'undeclared') return this.page(UNDECLARED_GROUP, node.findings, (finding) => ({ kind: 'finding', finding }));
    if (node.kind === 'use') return node.record.findings.map((finding) => ({ kind: 'finding', finding }));
    return [];
  }

  /** Lists another page of a group's items (the command of its "show more" item). */
  showMore(group: string): void {
    this.shown.set(group, (this.shown.get(group) ?? USES_PAGE) + USES_PAGE);
    this.changed.fire(undefined);
  }

  /** A group's first items, and a "show more" item when there are more. */
  private page<T>(group: string, items: readonly T[], toNode: (item: T) => Node): Node[] {
    const shown = Math.min(items.length, this.shown.get(group) ?? USES_PAGE);
    const nodes = items.slice(0, shown).map(toNode);
    if (shown < items.length) nodes.push({ kind: 'more', group, shown, total: items.length });
    return nodes;
  }

  /** Top level, in a fixed order; empty groups are left out. */
  groups(): Extract<Node, { kind: 'group' }>[] {
    const records = [...this.index.uses].sort((a, b) => compareText(useName(a.use), useName(b.use)) || compareText(a.use.id, b.use.id));
    if (this.groupBy === 'status') {
      return (Object.keys(STATUS_LABELS) as UseStatus[])
        .map((status) => ({
          kind: 'group' as const,
          label: STATUS_LABELS[status],
          records: records.filter((r) => r.status === status),
          icon: STATUS_ICONS[status],
        }))
        .filter((g) => g.records.length > 0);
    }
    const groups = this.index.rules.map((rule) => ({
      kind: 'group' as const,
      label: `${rule.title} (${rule.id})`,
      records: records.filter((r) => r.findings.some((f) => f.rule === rule.id)),
      icon: new vscode.ThemeIcon('law'),
    }));
    const clean = records.filter((r) => r.findings.length === 0);
    return [...groups, { kind: 'group' as const, label: 'No open findings', records: clean, icon: new vscode.ThemeIcon('pass') }].filter(
      (g) => g.records.length > 0,
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'more') {
      const next = Math.min(USES_PAGE, node.total - node.shown);
      const item = new vscode.TreeItem(`Show ${next} more`, vscode.TreeItemCollapsibleState.None);
      item.description = `${node.shown} of ${node.total} shown`;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.command = { title: 'Show more', command: COMMANDS.showMoreUses, arguments: [node.group] };
      return item;
    }
    if (node.kind === 'undeclared') {
      const item = new vscode.TreeItem('Marked AI-generated, not recorded', vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.findings.length);
      item.tooltip = 'Files whose own metadata (IPTC digital source type, C2PA) says generative AI made them, with no AI use recorded';
      item.iconPath = new vscode.ThemeIcon('question', new vscode.ThemeColor('aiDisclosure.undeclaredForeground'));
      return item;
    }
    if (node.kind === 'finding' && node.finding.rule === 'undeclared-ai-asset') {
      const item = new vscode.TreeItem(path.posix.basename(node.finding.file), vscode.TreeItemCollapsibleState.None);
      item.description = vscode.workspace.asRelativePath(path.posix.dirname(node.finding.file));
      item.tooltip = node.finding.message;
      item.resourceUri = toUri(node.finding.file);
      item.contextValue = UNDECLARED_ITEM;
      item.command = { title: 'Open', command: 'vscode.open', arguments: [toUri(node.finding.file)] };
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.records.length);
      item.iconPath = node.icon;
      return item;
    }
    if (node.kind === 'use') {
      const { record } = node;
      const item = new vscode.TreeItem(
        useName(record.use),
        record.findings.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      const where = record.subjects.length === 1 ? path.posix.basename(record.subjects[0]) : `${record.subjects.length} files`;
      item.description = `${record.use.tool.name} · ${where}`;
      // Plain text: sidecar content never becomes markup.
      item.tooltip = `${record.use.purpose}\n${STATUS_LABELS[record.status]}\nRecorded as ${record.use.id}`;
      item.iconPath = STATUS_ICONS[record.status];
      item.command = { title: 'Reveal', command: COMMANDS.revealUse, arguments: [record.sidecar, record.use.id] };
      item.contextValue = USE_ITEM;
      return item;
    }
    const { finding } = node;
    const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
    item.description = finding.rule;
    item.iconPath = new vscode.ThemeIcon(finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info');
    item.command = { title: 'Reveal', command: 'vscode.open', arguments: [toUri(finding.file), { selection: toRange(finding) }] };
    return item;
  }

  dispose(): void {
    this.refresh.cancel();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The asset of an "undeclared" tree item, when a command is run from the item's inline action. */
export function assetOfTreeItem(node: unknown): string | undefined {
  const finding = (node as Partial<Extract<Node, { kind: 'finding' }>> | undefined)?.finding;
  return finding?.rule === 'undeclared-ai-asset' ? finding.file : undefined;
}

/** The use of an AI Uses item, when a command is run from the item's inline action. */
export function useOfTreeItem(node: unknown): { sidecar: string; useId: string } | undefined {
  const record = (node as Partial<Extract<Node, { kind: 'use' }>> | undefined)?.record;
  return record && { sidecar: record.sidecar, useId: record.use.id };
}

/** Opens where a use is: its passage in the script, or (asked for, or for assets) its form. */
export async function revealUse(index: ProductionIndex, sidecar: unknown, useId: unknown, where?: unknown): Promise<void> {
  const record = typeof sidecar === 'string' ? index.usesOf(sidecar)?.find((r) => r.use.id === useId) : undefined;
  if (!record) throw new Error(`AI use "${String(useId)}" is no longer recorded.`);
  if (record.screenplayRange && where !== 'sidecar') {
    await showScreenplay(toUri(record.screenplayRange.file), toRange(record.screenplayRange));
    return;
  }
  if (record.range && where !== 'sidecar') {
    await vscode.window.showTextDocument(toUri(record.range.file), { selection: toRange(record.range) });
    return;
  }
  await vscode.commands.executeCommand(COMMANDS.editUse, record.sidecar, record.use.id);
}

export interface UseCounts {
  uses: number;
  /** Breaking a guideline, or denied. */
  blocking: number;
  /** Needing written approval, or waiting for it. */
  approval: number;
}

export function countUses(records: readonly UseRecord[]): UseCounts {
  // One pass: the status bar counts every sidecar's uses after a rescan.
  const counts: UseCounts = { uses: records.length, blocking: 0, approval: 0 };
  for (const { status } of records) {
    if (status === 'violation' || status === 'denied') counts.blocking++;
    else if (status === 'needs-approval' || status === 'pending') counts.approval++;
  }
  return counts;
}

/** Counts in the status bar; a click opens the AI Uses view. */
export class UsesStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('aiDisclosure.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  /** Counts per sidecar as last counted: a keystroke recounts one sidecar, not every use. */
  private readonly counted = new Map<string, UseCounts>();
  private readonly total: UseCounts = { uses: 0, blocking: 0, approval: 0 };

  constructor(private readonly index: ProductionIndex) {
    this.item.name = 'AI Disclosure';
    this.item.command = `${USES_VIEW_ID}.focus`;
    this.subscription = index.onDidChange((change) => this.update(change.sources));
    this.update(undefined);
  }

  /** What the item shows (kept per sidecar, summed). */
  get counts(): Readonly<UseCounts> {
    return { ...this.total };
  }

  private recounting: Promise<void> | undefined;
  private recountAgain = false;
  private disposed = false;

  /** Resolves once a recount of everything under way is done. */
  whenCounted(): Promise<void> {
    return this.recounting ?? Promise.resolve();
  }

  /**
   * Recounts the sources that changed. A change of everything (a rescan: ten thousand sidecars)
   * is recounted from the next turn on, in a loop on the checks' turn budget, once for a burst:
   * it comes with the other views' work for the same change, and at once they held the host over
   * a frame.
   */
  update(changed: ReadonlySet<string> | undefined): void {
    if (changed) {
      for (const source of changed) this.recountSource(source);
      this.show();
      return;
    }
    if (this.recounting) this.recountAgain = true;
    else this.recounting = this.recountEverything().finally(() => (this.recounting = undefined));
  }

  private async recountEverything(): Promise<void> {
    do {
      this.recountAgain = false;
      await yieldToEventLoop();
      for (const source of [...this.index.sourcesToRevisit(undefined, this.counted.keys())]) {
        for (let wait = sharedTurns.due(); wait; wait = sharedTurns.due()) await wait;
        if (this.disposed) return;
        this.recountSource(source);
      }
      this.show();
    } while (this.recountAgain && !this.disposed);
  }

  /** One source's counts in place of what it counted before (each source's in one go). */
  private recountSource(source: string): void {
    const before = this.counted.get(source);
    const records = this.index.usesOf(source);
    const after = records && countUses(records);
    for (const key of ['uses', 'blocking', 'approval'] as const) this.total[key] += (after?.[key] ?? 0) - (before?.[key] ?? 0);
    if (after) this.counted.set(source, after);
    else this.counted.delete(source);
  }

  private show(): void {
    const { uses, blocking, approval } = this.total;
    if (uses === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(sparkle) ${uses} AI${blocking ? ` $(error) ${blocking}` : ''}${approval ? ` $(warning) ${approval}` : ''}`;
    this.item.tooltip = `${uses} recorded AI uses: ${blocking} breaking a guideline or denied, ${approval} needing written approval. Click to open AI Uses.`;
    this.item.backgroundColor = blocking ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.item.dispose();
  }
}
