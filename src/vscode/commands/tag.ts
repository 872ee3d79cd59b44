import * as path from 'node:path';
import * as vscode from 'vscode';
import { findSections, ScriptFormat, scriptFormatOf, sectionAt, taggedSpan } from '../../core/anchor/sections';
import { isFinalDraftPath, isTextScriptPath } from '../../core/sidecar/paths';
import { groupFrameSequences, TagAnswers, tagFile, TagResult, tagFolder } from '../../core/tagging';
import { useName } from '../../core/sidecar/schema';
import { toCorePath } from '../fileSystem';
import { scriptPathOf } from '../screenplay';
import { readSettings } from '../settings';
import { CommandContext } from './context';
import { askTagAnswers, isTagAnswers, TagKind, tagKindOfFile } from './tagQuestions';

async function answersFrom(context: CommandContext, given: unknown, kind: TagKind): Promise<TagAnswers | undefined> {
  return isTagAnswers(given) ? given : askTagAnswers(context.memento, readSettings().author, kind);
}

/** What a selection of files is, for the wording of the questions: one kind, or files in general. */
function kindOfFiles(files: readonly string[], folders: number): TagKind {
  const { sequences, singles } = groupFrameSequences(files);
  if (folders === 0 && singles.length === 0 && sequences.length > 0) return 'frames';
  const kinds = new Set(singles.map(tagKindOfFile));
  return kinds.size === 1 && folders === 0 && sequences.length === 0 ? [...kinds][0] : 'file';
}

async function recorded(results: TagResult[], what: string): Promise<TagResult[]> {
  const ids = results.map((r) => useName(r.use)).join(', ');
  void vscode.window.setStatusBarMessage(`$(check) Tagged ${what} as AI-generated (${ids})`, 5000);
  return results;
}

/** The script in the active editor: a Fountain, Markdown or text file, or a Final Draft file's screenplay view. */
function scriptEditor(): { editor: vscode.TextEditor; path: string; format: ScriptFormat } {
  const editor = vscode.window.activeTextEditor;
  const path = editor && scriptPathOf(editor.document.uri);
  if (editor && path !== undefined && isFinalDraftPath(path) && editor.document.uri.scheme !== 'file') {
    return { editor, path, format: 'fountain' };
  }
  if (editor && path !== undefined && editor.document.uri.scheme === 'file' && isTextScriptPath(path)) {
    return { editor, path, format: scriptFormatOf(path) };
  }
  if (path !== undefined && isFinalDraftPath(path)) {
    throw new Error('Final Draft passages are tagged in the screenplay view: run "Open as Screenplay" and select the passage there.');
  }
  throw new Error('Open a Fountain, Markdown or plain-text script, or a Final Draft screenplay, to tag a passage.');
}

/** Tags the selected passage of a script (the current line when nothing is selected). */
export async function tagSelection(context: CommandContext, given?: unknown): Promise<TagResult[]> {
  const { editor, path } = scriptEditor();
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.lineAt(selection.active.line).range : selection;
  if (range.isEmpty) throw new Error('Select the passage to tag (the current line is empty).');
  const answers = await answersFrom(context, given, 'passage');
  if (!answers) return [];
  const result = await tagFile(context.fs, path, answers, {
    range: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) },
    shownText: document.getText(),
  });
  return recorded([result], 'the selection');
}

/** Tags the scene (Fountain), heading section (Markdown) or paragraph (text) under the cursor. */
export async function tagScene(context: CommandContext, given?: unknown): Promise<TagResult[]> {
  const { editor, path, format } = scriptEditor();
  const { document } = editor;
  const text = document.getText();
  const section = sectionAt(findSections(text, format), document.offsetAt(editor.selection.active));
  if (!section)
    throw new Error(
      format === 'fountain' ? 'The cursor is not inside a scene (no scene heading above it).' : 'The cursor is not inside a section.',
    );
  const answers = await answersFrom(context, given, 'passage');
  if (!answers) return [];
  const result = await tagFile(context.fs, path, answers, { range: taggedSpan(text, section), shownText: text });
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
  const folders: string[] = [];
  const files: string[] = [];
  for (const uri of uris) {
    const target = toCorePath(uri);
    if ((await context.fs.stat(target))?.type === 'directory') folders.push(target);
    else files.push(target);
  }
  const answers = await answersFrom(context, isTagAnswers(clicked) ? clicked : given, kindOfFiles(files, folders.length));
  if (!answers) return [];
  const results: TagResult[] = [];
  for (const folder of folders) results.push(await tagFolder(context.fs, folder, ['**/*'], answers));
  // Frames selected together are one use in their folder's sidecar, by glob, not a sidecar per frame.
  const { sequences, singles } = groupFrameSequences(files);
  for (const sequence of sequences) results.push(await tagFolder(context.fs, sequence.folder, [sequence.glob], answers));
  for (const file of singles) results.push(await tagFile(context.fs, file, answers));
  return recorded(results, uris.length === 1 ? path.posix.basename(toCorePath(uris[0])) : `${uris.length} items`);
}
