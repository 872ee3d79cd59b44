/** The value `cache` holds for `key`, made by `make` and kept there the first time it is asked for. */
export function keptIn<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make(key)));
  return value;
}
