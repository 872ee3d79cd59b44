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
