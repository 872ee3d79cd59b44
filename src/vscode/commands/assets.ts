import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeProvenance, readProvenance, toolFromProvenance } from '../../core/provenance/provenance';
import { moveSidecar } from '../../core/sidecar/store';
import { sidecarPathFor, subjectPathOf } from '../../core/sidecar/paths';
import { useName } from '../../core/sidecar/schema';
import { TagAnswers, tagFile, TagResult } from '../../core/tagging';
import { toCorePath } from '../fileSystem';
import { readSettings } from '../settings';
import { CommandContext, given } from './context';
import { askTagAnswers, tagKindOfFile } from './tagQuestions';

function pathArgument(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof vscode.Uri) return toCorePath(value);
  throw new Error(`This needs ${what}.`);
}

/**
 * Tags an asset whose embedded provenance says generative AI made it, with the tool, version and
 * prompt its metadata names; the person still says what it was for and on what terms it ran.
 */
export async function tagFromMetadata(context: CommandContext, asset?: unknown, options?: unknown): Promise<TagResult | undefined> {
  const file = pathArgument(asset, 'the asset to tag');
  const provenance = await readProvenance(context.fs, file);
  if (!provenance?.generative) throw new Error(`"${path.posix.basename(file)}" carries no generative-AI marker in its metadata.`);
  const named = toolFromProvenance(provenance) ?? { name: 'Unnamed generative tool' };
  const prefilled: Partial<TagAnswers> = {
    description: `Tagged from its embedded provenance: ${describeProvenance(provenance)}`,
    provenanceMarked: 'yes',
    ...(provenance.aiPrompt ? { prompt: provenance.aiPrompt } : {}),
  };
  const answers = given<TagAnswers>(options);
  const asked = answers
    ? {
        tool: { ...named, environment: 'unknown' as const, retainsInputs: 'unknown' as const, trainsOnInputs: 'unknown' as const },
        purpose: 'Generated asset',
        final: 'unknown' as const,
        keyCreative: 'unknown' as const,
        ...answers,
      }
    : await askTagAnswers(context.memento, readSettings().author, tagKindOfFile(file), named);
  if (!asked) return undefined;
  const result = await tagFile(context.fs, file, { ...prefilled, ...asked });
  void vscode.window.setStatusBarMessage(`$(check) Tagged ${path.posix.basename(file)} from its metadata (${useName(result.use)})`, 5000);
  return result;
}

/** Moves a sidecar whose file is gone to sit beside the file the person picks. */
export async function relinkSidecar(context: CommandContext, sidecar?: unknown, options?: unknown): Promise<string | undefined> {
  const from = pathArgument(sidecar, 'the sidecar to re-link');
  let target = given<{ file: string }>(options)?.file;
  if (!target) {
    const picked = await vscode.window.showOpenDialog({
      title: `Re-link the AI tags of "${path.posix.basename(subjectPathOf(from))}" to…`,
      defaultUri: vscode.Uri.file(path.posix.dirname(from)),
      canSelectMany: false,
      openLabel: 'Re-link here',
    });
    if (!picked?.[0]) return undefined;
    target = toCorePath(picked[0]);
  }
  const moved = await moveSidecar(context.fs, from, target);
  return moved;
}

/** Deletes a sidecar whose file is gone, after the person confirms: its uses leave the report. */
export async function deleteSidecar(context: CommandContext, sidecar?: unknown, options?: unknown): Promise<boolean> {
  const file = pathArgument(sidecar, 'the sidecar to delete');
  const confirmed =
    given<{ confirmed: boolean }>(options)?.confirmed ??
    (await vscode.window.showWarningMessage(
      `Delete ${path.posix.basename(file)}? The AI uses it records leave the disclosure report.`,
      { modal: true },
      'Delete',
    )) === 'Delete';
  if (!confirmed) return false;
  await context.fs.delete(file);
  return true;
}

/** A file renamed in the Explorer takes its sidecar along (folders carry theirs already). */
export async function moveSidecarsWithRenames(
  context: CommandContext,
  renames: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[],
): Promise<void> {
  for (const { oldUri, newUri } of renames) {
    if (oldUri.scheme !== 'file' || newUri.scheme !== 'file') continue;
    const from = sidecarPathFor(toCorePath(oldUri));
    const stat = await context.fs.stat(toCorePath(newUri));
    if (stat?.type !== 'file' || !(await context.fs.stat(from))) continue;
    try {
      await moveSidecar(context.fs, from, toCorePath(newUri));
    } catch (error) {
      void vscode.window.showWarningMessage(
        `The AI tags of ${path.posix.basename(toCorePath(oldUri))} stayed where they were: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
