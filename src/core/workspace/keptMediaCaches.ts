import { FileSystem } from '../fs/fileSystem';
import { MediaCache, ProductionMediaCaches } from '../fs/mediaCache';

/** The media caches are written this long after the last check that may have learnt something new. */
const MEDIA_CACHE_SAVE_DELAY_MS = 2000;

/**
 * What media said (hashes, provenance) per production, kept in the user's cache folder between
 * runs and sessions (the CLI's and the editor's alike): opening a production reads no tagged video
 * again to hash it, nor an untagged one's headers, and neither does an export. Made at first use
 * (finding the cache folder may create it); written once checks pause, never while `busy` (a full
 * scan: a save keeps only the facts asked for since the session began, and a scan asks again).
 */
export class KeptMediaCaches {
  private made: ProductionMediaCaches | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly folder: () => string | undefined,
    private readonly busy: () => boolean,
  ) {}

  of(root: string): Promise<MediaCache> {
    return (this.made ??= new ProductionMediaCaches(this.fs, this.folder())).of(root);
  }

  scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      if (!this.busy()) void this.save();
    }, MEDIA_CACHE_SAVE_DELAY_MS);
  }

  /** Writes every production's media cache that changed. */
  save(): Promise<void> {
    return this.made?.save() ?? Promise.resolve();
  }

  dispose(): void {
    clearTimeout(this.saveTimer);
  }
}
