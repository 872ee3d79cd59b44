import { homedir } from 'node:os';
import { join } from 'node:path';

/** AI Disclosure's folder in the user's cache folder (XDG_CACHE_HOME, else ~/.cache); not made here. */
export function userCacheBase(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-disclosure');
}
