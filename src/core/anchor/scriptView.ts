import { TextPosition } from '../text/lineIndex';
import { readFdx } from './fdx';
import { ScriptFormat, scriptFormatOf } from './sections';
import { isFinalDraftPath } from '../sidecar/paths';

/**
 * A script as its passages are tagged and found: the file's own text for Fountain, Markdown and
 * plain text; for a Final Draft file, its screenplay in Fountain form (./fdx.ts), whose places are
 * mapped back to the `.fdx` for findings.
 */
export interface ScriptView {
  text: string;
  format: ScriptFormat;
  /** Where the file could not be read as a script (malformed XML), in the file's own lines. */
  problems: { message: string; start: TextPosition }[];
  /** The place in the file of an offset of `text`; absent when `text` is the file's text. */
  sourcePositionAt?: (offset: number) => TextPosition;
  /** The scene an offset of `text` is in, with its page, where the file records pages (Final Draft). */
  sceneAt?: (offset: number) => { heading: string; number?: string; page?: string } | undefined;
}

export function scriptViewOf(path: string, fileText: string): ScriptView {
  if (!isFinalDraftPath(path)) return { text: fileText, format: scriptFormatOf(path), problems: [] };
  const screenplay = readFdx(fileText);
  const { text, problems, sourcePositionAt, sceneAt } = screenplay;
  return { text, format: 'fountain', problems, sourcePositionAt, sceneAt };
}
