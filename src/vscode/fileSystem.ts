import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { DirectoryEntry, FileSystem, FileTooLargeError, wholeContent, wholeFileReader } from '../core/fs/fileSystem';
import { isSidecarLockPath } from '../core/fs/lock';
import { nodeFileSystem, nodeLinkOnPath } from '../core/fs/nodeFileSystem';
import { toPosixPath } from '../core/sidecar/paths';

export function toUri(path: string): vscode.Uri {
  return vscode.Uri.file(path);
}

export function toCorePath(uri: vscode.Uri): string {
  return toPosixPath(uri.fsPath);
}

/** The document the editor holds for a local path, if it has it open. */
export function openDocumentAt(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'file' && toCorePath(doc.uri) === path);
}

/** Raised for a sidecar write in an untrusted workspace, where the extension only reads. */
export class UntrustedWorkspaceError extends Error {
  constructor() {
    super(
      'This workspace is not trusted: AI Disclosure shows its AI uses and findings but does not change sidecars. Trust the workspace to tag and fix.',
    );
    this.name = 'UntrustedWorkspaceError';
  }
}

/** Sidecars and their temporary and lock files (`x.ai.json`, `x.ai.json.….tmp`, `x.ai.json.lock`, takeover markers). */
function touchesSidecar(path: string): boolean {
  return /\.ai\.json($|\..*\.tmp$)/.test(path) || isSidecarLockPath(path);
}

const linkInWorkspace = nodeLinkOnPath(() => (vscode.workspace.workspaceFolders ?? []).map((folder) => toCorePath(folder.uri)));

function mayWrite(...paths: string[]): void {
  if (!vscode.workspace.isTrusted && paths.some(touchesSidecar)) throw new UntrustedWorkspaceError();
}

/** A file as it is on disk: local files through Node (one open, size checked on the handle). */
async function readFromDisk(local: FileSystem, path: string, maxBytes?: number): Promise<Uint8Array> {
  if (toUri(path).scheme === 'file') return local.readFile(path, maxBytes);
  if (maxBytes !== undefined) {
    const { size } = await vscode.workspace.fs.stat(toUri(path));
    if (size > maxBytes) throw new FileTooLargeError(path, size);
  }
  return vscode.workspace.fs.readFile(toUri(path));
}

/**
 * Unsaved edits are what the person sees, so they are what is checked. A clean document may lag
 * behind the disk (the editor reloads a changed file a moment later): the disk wins, or a write
 * right after another would start from the older text and undo it.
 */
function unsavedText(path: string): string | undefined {
  const document = openDocumentAt(path);
  return document?.isDirty ? document.getText() : undefined;
}

/**
 * The core's file system over `workspace.fs`, where open documents are read as the editor holds
 * them, so a check or a new tag sees the text the person is looking at, saved or not. In an
 * untrusted workspace it refuses to change sidecars (capabilities.untrustedWorkspaces: limited).
 * Local files are listed, stat-ed and read through Node: through `workspace.fs` each call is a
 * round trip to the main process, and a full scan of a large production took several times as
 * long (bench:editor; docs/performance.md). `local` is how: Node's thread pool unless told otherwise.
 */
export function editorFileSystem(local: FileSystem = nodeFileSystem): FileSystem {
  const encoder = new TextEncoder();
  return {
    async readFile(path, maxBytes) {
      const unsaved = unsavedText(path);
      return unsaved !== undefined ? encoder.encode(unsaved) : readFromDisk(local, path, maxBytes);
    },
    // An open script's text without a round trip through bytes: re-checks follow every keystroke.
    async readText(path) {
      return unsavedText(path) ?? new TextDecoder().decode(await readFromDisk(local, path));
    },
    // Local files are read in part; other file systems offer whole files only (read once, then in part).
    openForReading: async (path) =>
      toUri(path).scheme === 'file' ? local.openForReading(path) : wholeFileReader(await vscode.workspace.fs.readFile(toUri(path))),
    // workspace.fs has no create-only write: local files use Node's; elsewhere a check, then a write.
    createExclusive: async (path, data) => {
      mayWrite(path);
      if (toUri(path).scheme === 'file') return local.createExclusive(path, data);
      const exists = await Promise.resolve(vscode.workspace.fs.stat(toUri(path))).then(
        () => true,
        () => false,
      );
      if (exists) return false;
      await vscode.workspace.fs.writeFile(toUri(path), data);
      return true;
    },
    // A report's chunks go to a local file as they are encoded; workspace.fs takes one buffer.
    writeFile: async (path, data) => {
      mayWrite(path);
      if (!(data instanceof Uint8Array) && toUri(path).scheme === 'file') return local.writeFile(path, data);
      await vscode.workspace.fs.writeFile(toUri(path), await wholeContent(data));
    },
    // workspace.fs.rename with overwrite deletes the target before renaming, which would leave a
    // moment with no sidecar at all; on local disks Node's rename replaces it atomically.
    rename: async (from, to) => {
      mayWrite(from, to);
      if (toUri(to).scheme === 'file') await local.rename(from, to);
      else await vscode.workspace.fs.rename(toUri(from), toUri(to), { overwrite: true });
    },
    delete: async (path) => {
      mayWrite(path);
      await vscode.workspace.fs.delete(toUri(path), { useTrash: false });
    },
    // Sidecars are never written through a link below a workspace folder.
    linkOnPath: async (path) => (toUri(path).scheme === 'file' ? linkInWorkspace(path) : undefined),
    async stat(path) {
      if (toUri(path).scheme === 'file') return local.stat(path);
      try {
        const stat = await vscode.workspace.fs.stat(toUri(path));
        return { type: stat.type & vscode.FileType.Directory ? 'directory' : 'file', size: stat.size, mtimeMs: stat.mtime };
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
      }
    },
    async readDirectory(path): Promise<DirectoryEntry[]> {
      if (toUri(path).scheme === 'file') return local.readDirectory(path);
      const entries = await vscode.workspace.fs.readDirectory(toUri(path));
      // Symbolic links are not followed: a link could lead outside the production.
      return entries.map(([name, type]) => ({
        name,
        type:
          type & vscode.FileType.SymbolicLink
            ? 'symlink'
            : type === vscode.FileType.Directory
              ? 'directory'
              : type === vscode.FileType.File
                ? 'file'
                : 'other',
      }));
    },
    async sha256(path) {
      const uri = toUri(path);
      // Stream local files so multi-gigabyte video never sits in the extension host's memory.
      if (uri.scheme === 'file') return local.sha256(path);
      return createHash('sha256')
        .update(await vscode.workspace.fs.readFile(uri))
        .digest('hex');
    },
    newSha256: local.newSha256,
  };
}
