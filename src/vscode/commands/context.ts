import * as vscode from 'vscode';
import { FileSystem } from '../../core/fs/fileSystem';
import { ProductionIndex } from '../productionIndex';

/** What every command needs, built once in activate(). */
export interface CommandContext {
  fs: FileSystem;
  index: ProductionIndex;
  memento: vscode.Memento;
  extensionUri: vscode.Uri;
  /** The extension's release, named in SARIF reports. */
  version: string;
  log(message: string): void;
}

/**
 * Options given programmatically (keybindings, tests) skip the prompts. A file (a Uri), or what
 * the Explorer passes after the clicked file (the list of selected files), is not options: the
 * person is asked.
 */
export function given<T>(value: unknown): Partial<T> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri) ? value : undefined;
}
