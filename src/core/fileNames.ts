/** The names that make a folder a production; a module of its own so the extension's start loads nothing else. */

/** Suffix of every sidecar: `scene.fountain` → `scene.fountain.ai.json`. */
export const SIDECAR_SUFFIX = '.ai.json';

/** The production's configuration file, which cascades per folder. */
export const CONFIG_FILE_NAME = '.aidisclosure.json';
