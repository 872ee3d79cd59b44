/** 1-based line/column positions, as editors, compilers and the CLI print them. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Maps offsets to 1-based positions and back. Line breaks are LF, CRLF or a lone CR, the same
 * set VS Code recognises, so a position printed by the CLI lands on the same spot in the editor.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // Text without a carriage return (most files): indexOf finds each break at native speed.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low] + 1 };
  }

  offsetAt(position: TextPosition): number {
    const lineIdx = Math.max(0, Math.min(position.line - 1, this.starts.length - 1));
    const lineStart = this.starts[lineIdx];
    return Math.min(lineStart + Math.max(0, position.column - 1), this.lineEnd(lineIdx));
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Offset just past the last character of a 0-based line, before its line break. */
  private lineEnd(lineIdx: number): number {
    if (lineIdx + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[lineIdx + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Offset just past the end of a 1-based line (before the break). */
  endOfLine(line: number): number {
    return this.lineEnd(Math.max(0, Math.min(line - 1, this.starts.length - 1)));
  }
}

/**
 * Positions in a text asked for a few at a time, mostly in order (the places of one JSON file's
 * findings): counted from the last position asked rather than from an index of every line, which
 * thousands of sidecars a check would each build for a handful of places. A text whose asks jump
 * about (or that has a carriage return) gets the index after all, so no ask costs more than a
 * walk of the text.
 */
export class WalkingPositions {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  /** Characters walked so far; past a few walks of the whole text, the index is cheaper. */
  private walked = 0;
  private index: LineIndex | undefined;

  constructor(readonly text: string) {
    if (text.includes('\r')) this.index = new LineIndex(text);
  }

  positionAt(offset: number): TextPosition {
    if (this.index) return this.index.positionAt(offset);
    const { text } = this;
    const target = Math.max(0, Math.min(offset, text.length));
    this.walked += Math.abs(target - this.offset);
    if (this.walked > 4 * text.length + WALK_ALLOWANCE) {
      this.index = new LineIndex(text);
      return this.index.positionAt(target);
    }
    if (target > this.offset) {
      // A break at i starts a line at i + 1: it counts when that start is at or before the target.
      for (let i = text.indexOf('\n', this.offset); i !== -1 && i < target; i = text.indexOf('\n', i + 1)) {
        this.line++;
        this.lineStart = i + 1;
      }
    } else if (target < this.lineStart) {
      for (let i = text.lastIndexOf('\n', this.lineStart - 1); i >= target; i = i > 0 ? text.lastIndexOf('\n', i - 1) : -1) this.line--;
      this.lineStart = target === 0 ? 0 : text.lastIndexOf('\n', target - 1) + 1;
    }
    this.offset = target;
    return { line: this.line, column: target - this.lineStart + 1 };
  }
}

/** Characters a text may be walked beyond four times its length before the index is built: short texts never build it. */
const WALK_ALLOWANCE = 4096;
