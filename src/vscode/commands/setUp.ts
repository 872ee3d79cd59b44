import * as path from 'node:path';
import * as vscode from 'vscode';
import { Refusal } from '../../core/errors';
import { CONFIG_FILE_NAME } from '../../core/fileNames';
import { readFileIfPresent, writeAtomicIfUnchanged } from '../../core/fs/fileSystem';
import { packChoices, productionAnswersOf, productionConfigText, ProductionAnswers, readProjectConfig } from '../../core/config/setup';
import { decodeUtf8, encodeUtf8 } from '../../core/text/encoding';
import { openDocumentAt, toCorePath } from '../fileSystem';
import { CommandContext, given } from './context';
import { Questions } from './questions';

/**
 * `aiDisclosure.setUpProduction`: writes the production's `.aidisclosure.json` from a few questions
 * (title, studio, contact, who prepares the disclosure, the guidelines to check), starting from what
 * the file already says. Returns the file's path, or undefined when the person cancels.
 */
export async function setUpProduction(context: CommandContext, options?: unknown): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) throw new Refusal("Open the production's folder first (File > Open Folder…), then set it up.");
  const folder =
    folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder is the production?' });
  if (!folder) return undefined;
  const file = path.posix.join(toCorePath(folder.uri), CONFIG_FILE_NAME);
  if (openDocumentAt(file)?.isDirty) throw new Refusal(`${CONFIG_FILE_NAME} has unsaved changes: save or revert them, then set up again.`);
  const bytes = await readFileIfPresent(context.fs, file);
  let existing: string | undefined;
  if (bytes) {
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok)
      throw new Refusal(`${file}:${decoded.start.line}:${decoded.start.column}: ${decoded.message} (the file was not changed)`);
    existing = decoded.text;
  }
  const start = productionAnswersOf(existing ? readProjectConfig(file, existing) : undefined);
  const answers = given<ProductionAnswers>(options) ? { ...start, ...given<ProductionAnswers>(options) } : await ask(start, folder.name);
  if (!answers) return undefined;
  const text = productionConfigText(file, existing, answers);
  if (text !== existing && !(await writeAtomicIfUnchanged(context.fs, file, bytes, encodeUtf8(text, false)))) {
    throw new Refusal(`${CONFIG_FILE_NAME} changed while you were answering; nothing was written, set up again to see its new content.`);
  }
  context.log(`Set up the production "${answers.name}" in ${file}`);
  void vscode.window
    .showInformationMessage(
      `AI Disclosure: "${answers.name}" is set up. Its reports name the production, studio and contact, and uses are checked against ${answers.packs.length} guideline pack${answers.packs.length === 1 ? '' : 's'}.`,
      'Open Settings File',
    )
    .then((choice) => choice && vscode.window.showTextDocument(vscode.Uri.file(file)));
  return file;
}

async function ask(start: ProductionAnswers, folderName: string): Promise<ProductionAnswers | undefined> {
  const questions = new Questions('Set up the production', 5);
  const name = await questions.text("The production's title, as the disclosure report names it", {
    value: start.name || folderName,
    required: "The report needs the production's title.",
  });
  if (name === undefined) return undefined;
  const studio = await questions.text('The studio or network it is made for', {
    value: start.studio,
    placeholder: 'e.g. Harbourlight Pictures',
  });
  if (studio === undefined) return undefined;
  const contact = await questions.text('The studio contact who receives the disclosure (name, role or email)', {
    value: start.contact,
    placeholder: 'e.g. Production executive, generative AI review',
  });
  if (contact === undefined) return undefined;
  const preparer = await questions.text('Who prepares the disclosure (name, role)', {
    value: start.preparer,
    placeholder: 'e.g. Script coordinator',
  });
  if (preparer === undefined) return undefined;
  const packs = await questions.pick(
    'The guidelines its AI uses are checked against (Space to choose, Enter to finish)',
    packChoices().map(({ id, title }) => ({ label: title, description: id, value: id, picked: start.packs.includes(id) })),
    true,
  );
  if (packs === undefined) return undefined;
  return { name, studio, contact, preparer, packs };
}
