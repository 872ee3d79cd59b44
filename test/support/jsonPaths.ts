import type { JsonPath } from '../../src/core/json/validatedJson';

/** The path of every value in `data`, its root included, each before the paths inside it. */
export function valuePaths(data: unknown, at: JsonPath = []): JsonPath[] {
  const paths: JsonPath[] = [at];
  if (data !== null && typeof data === 'object')
    for (const [key, child] of Object.entries(data)) paths.push(...valuePaths(child, [...at, Array.isArray(data) ? Number(key) : key]));
  return paths;
}
