import * as vscode from 'vscode';
import { STATUS_LABELS, UseStatus } from '../core/policy/evaluate';
import { toCorePath, toUri } from './fileSystem';
import { ProductionIndex } from './productionIndex';

const STATUS_RANK: UseStatus[] = ['denied', 'violation', 'needs-approval', 'pending', 'to-notify', 'approved', 'notified'];
const COLOR: Partial<Record<UseStatus, string>> = {
  denied: 'aiDisclosure.violationForeground',
  violation: 'aiDisclosure.violationForeground',
  'needs-approval': 'aiDisclosure.approvalForeground',
  pending: 'aiDisclosure.approvalForeground',
};

/**
 * An "AI" badge on every tagged file in the Explorer, coloured by the worst status of its uses, and
 * on files whose own metadata says AI made them while no use is recorded.
 */
export class TaggedFileBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private decorated = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: ProductionIndex) {
    this.subscription = index.onDidChange(() => {
      const now = new Set([...index.uses.flatMap((r) => r.subjects), ...index.undeclaredAssets]);
      const affected = new Set([...now, ...this.decorated]);
      this.decorated = now;
      this.changed.fire([...affected].map(toUri));
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const file = toCorePath(uri);
    const records = this.index.usesFor(file);
    if (records.length === 0) {
      if (!this.index.isUndeclared(file)) return undefined;
      const undeclared = new vscode.FileDecoration('AI', 'Marked as AI-generated in its own metadata, but no AI use is recorded', new vscode.ThemeColor('aiDisclosure.undeclaredForeground'));
      undeclared.propagate = false;
      return undeclared;
    }
    const worst = STATUS_RANK.find((status) => records.some((r) => r.status === status)) ?? 'notified';
    const count = records.length === 1 ? '1 AI use' : `${records.length} AI uses`;
    const decoration = new vscode.FileDecoration('AI', `${count}: ${STATUS_LABELS[worst]}`, COLOR[worst] ? new vscode.ThemeColor(COLOR[worst]) : undefined);
    decoration.propagate = false;
    return decoration;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
