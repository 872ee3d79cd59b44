import { TextPosition } from '../text/lineIndex';
import { readFdx } from './fdx';
import { readFountain } from './fountain';
import { fountainPageAt } from './pages';
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
  /**
   * The scene an offset of `text` is in, with its page: as the file records it (Final Draft), or
   * estimated from standard pagination (Fountain, `pageEstimated`).
   */
  sceneAt?: (offset: number) => { heading: string; number?: string; page?: string; pageEstimated?: boolean } | undefined;
}

export function scriptViewOf(path: string, fileText: string): ScriptView {
  if (!isFinalDraftPath(path)) {
    const format = scriptFormatOf(path);
    return { text: fileText, format, problems: [], sceneAt: format === 'fountain' ? fountainScenes(fileText) : undefined };
  }
  const screenplay = readFdx(fileText);
  const { text, problems, sourcePositionAt, sceneAt } = screenplay;
  return { text, format: 'fountain', problems, sourcePositionAt, sceneAt };
}

/** A Fountain script's scene at an offset, with its estimated page; read on first use (most checks place no passage). */
function fountainScenes(text: string): NonNullable<ScriptView['sceneAt']> {
  let read: { scenes: ReturnType<typeof readFountain>['scenes']; pageAt: (offset: number) => number } | undefined;
  return (offset) => {
    if (!read) {
      const structure = readFountain(text);
      read = { scenes: structure.scenes, pageAt: fountainPageAt(text, structure) };
    }
    const scene = read.scenes.find((candidate) => candidate.start <= offset && offset < candidate.end);
    if (!scene) return undefined;
    return { heading: scene.heading, number: scene.number, page: String(read.pageAt(offset)), pageEstimated: true };
  };
}
