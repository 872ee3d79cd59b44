import * as vscode from 'vscode';
import { Finding } from '../core/findings';
import { STATUS_LABELS, UseStatus } from '../core/policy/evaluate';
import { UseRecord } from '../core/workspace/check';
import { toCorePath, toUri } from './fileSystem';
import { ProductionIndex, UNDECLARED_SOURCE } from './productionIndex';

const STATUS_RANK: UseStatus[] = ['denied', 'violation', 'needs-approval', 'pending', 'to-notify', 'approved', 'notified'];
const COLOR: Partial<Record<UseStatus, string>> = {
  denied: 'aiDisclosure.violationForeground',
  violation: 'aiDisclosure.violationForeground',
  'needs-approval': 'aiDisclosure.approvalForeground',
  pending: 'aiDisclosure.approvalForeground',
};

/** Files a redraw names one by one; above this, the Explorer is told everything may have changed. */
const NAMED_FILES_LIMIT = 2_000;

/**
 * An "AI" badge on every tagged file in the Explorer, coloured by the worst status of its uses, and
 * on files whose own metadata says AI made them while no use is recorded.
 */
export class TaggedFileBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  /** Per source (each sidecar's uses, the undeclared assets): what it held when last decorated. */
  private readonly seen = new Map<string, readonly UseRecord[] | readonly Finding[]>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: ProductionIndex) {
    this.subscription = index.onDidChange((change) => this.refresh(change.sources));
  }

  /**
   * Asks the Explorer to redraw only the files of sources that changed: a keystroke in a script
   * re-checks one sidecar, and a hundred thousand frames need not be decorated again for it. After
   * a rescan (every source changed) the files are not even listed: "all of them" is one message.
   */
  private refresh(changed: ReadonlySet<string> | undefined): void {
    const affected = new Set<string>();
    let anyChanged = false;
    const update = (key: string, items: readonly UseRecord[] | readonly Finding[] | undefined) => {
      const known = this.seen.get(key);
      if (known === items) return;
      anyChanged = true;
      if (changed && affected.size <= NAMED_FILES_LIMIT) {
        for (const file of filesOf(known)) affected.add(file);
        for (const file of filesOf(items)) affected.add(file);
      }
      if (items) this.seen.set(key, items);
      else this.seen.delete(key);
    };
    for (const key of this.index.sourcesToRevisit(changed, this.seen.keys()))
      if (key !== UNDECLARED_SOURCE) update(key, this.index.usesOf(key));
    update(UNDECLARED_SOURCE, this.index.undeclaredFindings);
    // Past a few thousand files, the Explorer asks again only for the rows it shows.
    if (!anyChanged) return;
    if (!changed || affected.size > NAMED_FILES_LIMIT) this.changed.fire(undefined);
    else if (affected.size > 0) this.changed.fire([...affected].map(toUri));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const file = toCorePath(uri);
    const records = this.index.usesFor(file);
    if (records.length === 0) {
      if (!this.index.isUndeclared(file)) return undefined;
      const undeclared = new vscode.FileDecoration(
        'AI',
        'Marked as AI-generated in its own metadata, but no AI use is recorded',
        new vscode.ThemeColor('aiDisclosure.undeclaredForeground'),
      );
      undeclared.propagate = false;
      return undeclared;
    }
    const worst = STATUS_RANK.find((status) => records.some((r) => r.status === status)) ?? 'notified';
    const count = records.length === 1 ? '1 AI use' : `${records.length} AI uses`;
    const decoration = new vscode.FileDecoration(
      'AI',
      `${count}: ${STATUS_LABELS[worst]}`,
      COLOR[worst] ? new vscode.ThemeColor(COLOR[worst]) : undefined,
    );
    decoration.propagate = false;
    return decoration;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The files a source decorates: what its uses cover, or the undeclared assets themselves. */
function* filesOf(items: readonly UseRecord[] | readonly Finding[] | undefined): Iterable<string> {
  for (const item of items ?? []) {
    if ('subjects' in item) yield* item.subjects;
    else yield item.file;
  }
}
