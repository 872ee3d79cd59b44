/** What a production model is given: where its productions are, its caches and options, and file events. */
import { FileSystem } from '../fs/fileSystem';
import type { HandedLook } from './firstLook';
import { CheckCaches } from './records';
import { ResultCache } from './resultCache';
import { ScanResult } from './scan';

/** A file that came, went or changed, as a watcher reports it. */
export interface FileEvent {
  path: string;
  kind: 'created' | 'deleted' | 'changed';
}

/** Where the model's productions are and how far their own files are trusted; asked at every full scan. */
export interface ProductionSource {
  /** The production folders (an editor's local workspace folders; the CLI's one DIR). */
  roots(): readonly string[];
  /** A custom pack decides what counts as compliant: one from an untrusted folder is not applied. */
  loadCustomPacks(): boolean;
  /** Files the person is looking at (an editor's open scripts): their findings come first. */
  openFiles?(): readonly string[];
  /** Where those files' first checks are kept for the next window (./firstLook.ts); none: not kept. */
  keptFirstLooksIn?(): string | undefined;
}

/** A single check's own caches. */
export interface OnceOptions {
  caches: CheckCaches;
  /** Sidecar checks kept between runs (`--cache`). */
  results?: ResultCache;
  /** The production's walk, when the caller has just made it (the CLI's `--cache` does, for its key). */
  scan?: ScanResult;
  /** Each sidecar's cache key, when the caller has just read what they cover (with that walk). */
  sidecarKeyOf?: (sidecar: string) => string | undefined;
}

export interface ProductionModelOptions {
  /** Where what media said is kept between runs (a file per production), asked at the first scan; none: kept in memory only. */
  mediaCacheFolder?: () => string | undefined;
  log?: (message: string) => void;
  /**
   * How the open files' first look reads its few files (./firstLook.ts); the model's own when not
   * given. An editor reads them blocking: at start-up other extensions keep the thread pool and the
   * event loop busy, and each pooled read of the person's script waited behind that work.
   */
  firstLookFs?: FileSystem;
  /** The open files' look, made before the model (./firstLook.ts): adopted by the first scan rather than made again. */
  handedLook?: HandedLook;
  /**
   * A single check (the CLI, a report) rather than a model kept alive: the caller's caches are used,
   * parsed sidecars are not kept, and configuration problems and failed checks are thrown.
   */
  once?: OnceOptions;
}
