import { FileSystem } from '../../src/core/fs/fileSystem';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';

/**
 * Node's file system, refusing the given paths as the operating system does for a file or folder
 * without permission (EACCES): how tests reach that case when they run as root, who may read anything.
 */
export function denyingFileSystem(denied: readonly string[]): FileSystem {
  const deny = (file: string, syscall: string) => {
    if (denied.includes(file))
      throw Object.assign(new Error(`EACCES: permission denied, ${syscall} '${file}'`), { code: 'EACCES', path: file, syscall });
  };
  return {
    ...nodeFileSystem,
    readFile: async (file, maxBytes) => (deny(file, 'open'), nodeFileSystem.readFile(file, maxBytes)),
    openForReading: async (file) => (deny(file, 'open'), nodeFileSystem.openForReading(file)),
    sha256: async (file) => (deny(file, 'open'), nodeFileSystem.sha256(file)),
    readDirectory: async (folder) => (deny(folder, 'scandir'), nodeFileSystem.readDirectory(folder)),
  };
}
