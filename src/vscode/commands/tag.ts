import * as path from 'node:path';
import * as vscode from 'vscode';
import { findSections, scriptFormatOf, sectionAt, taggedSpan } from '../../core/anchor/sections';
import { isTextScriptPath } from '../../core/sidecar/paths';
import { groupFrameSequences, TagAnswers, tagFile, TagResult, tagFolder } from '../../core/tagging';
import { toCorePath } from '../fileSystem';
import { readSettings } from '../settings';
import { CommandContext } from './context';
import { askTagAnswers, isTagAnswers } from './tagQuestions';

async function answersFrom(context: CommandContext, given: unknown): Promise<TagAnswers | undefined> {
  return isTagAnswers(given) ? given : askTagAnswers(context.memento, readSettings().author);
}

async function recorded(results: TagResult[], what: string): Promise<TagResult[]> {
  const ids = results.map((r) => r.useId).join(', ');
  void vscode.window.setStatusBarMessage(`$(check) Tagged ${what} as AI-generated (${ids})`, 5000);
  return results;
}

function scriptEditor(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file' || !isTextScriptPath(toCorePath(editor.document.uri))) {
    throw new Error('Open a Fountain, Markdown or plain-text script to tag a passage.');
  }
  return editor;
}

/** Tags the selected passage of a script (the current line when nothing is selected). */
export async function tagSelection(context: CommandContext, given?: unknown): Promise<TagResult[]> {
  const editor = scriptEditor();
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.lineAt(selection.active.line).range : selection;
  if (range.isEmpty) throw new Error('Select the passage to tag (the current line is empty).');
  const answers = await answersFrom(context, given);
  if (!answers) return [];
  const result = await tagFile(context.fs, toCorePath(document.uri), answers, {
    range: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
  });
  return recorded([result], 'the selection');
}

/** Tags the scene (Fountain), heading section (Markdown) or paragraph (text) under the cursor. */
export async function tagScene(context: CommandContext, given?: unknown): Promise<TagResult[]> {
  const editor = scriptEditor();
  const { document } = editor;
  const text = document.getText();
  const format = scriptFormatOf(toCorePath(document.uri));
  const section = sectionAt(findSections(text, format), document.offsetAt(editor.selection.active));
  if (!section)
    throw new Error(
      format === 'fountain' ? 'The cursor is not inside a scene (no scene heading above it).' : 'The cursor is not inside a section.',
    );
  const answers = await answersFrom(context, given);
  if (!answers) return [];
  const result = await tagFile(context.fs, toCorePath(document.uri), answers, { range: taggedSpan(text, section) });
  return recorded([result], `"${section.heading}"`);
}

/**
 * Tags files chosen in the Explorer: each file gets its own sidecar; each folder gets one use in
 * its folder sidecar covering everything below it by glob.
 */
export async function tagFiles(context: CommandContext, clicked?: unknown, selected?: unknown, given?: unknown): Promise<TagResult[]> {
  const uris = (Array.isArray(selected) && selected.length > 0 ? selected : clicked instanceof vscode.Uri ? [clicked] : []).filter(
    (u): u is vscode.Uri => u instanceof vscode.Uri,
  );
  if (uris.length === 0) {
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFolders: true, openLabel: 'Tag as AI-generated' });
    if (!chosen) return [];
    uris.push(...chosen);
  }
  const answers = await answersFrom(context, isTagAnswers(clicked) ? clicked : given);
  if (!answers) return [];
  const results: TagResult[] = [];
  const files: string[] = [];
  for (const uri of uris) {
    const target = toCorePath(uri);
    const stat = await context.fs.stat(target);
    if (stat?.type === 'directory') results.push(await tagFolder(context.fs, target, ['**/*'], answers));
    else files.push(target);
  }
  // Frames selected together are one use in their folder's sidecar, by glob, not a sidecar per frame.
  const { sequences, singles } = groupFrameSequences(files);
  for (const sequence of sequences) results.push(await tagFolder(context.fs, sequence.folder, [sequence.glob], answers));
  for (const file of singles) results.push(await tagFile(context.fs, file, answers));
  return recorded(results, uris.length === 1 ? path.posix.basename(toCorePath(uris[0])) : `${uris.length} items`);
}
