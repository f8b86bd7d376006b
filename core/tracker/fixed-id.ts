/** A short hash of `key` (FNV-1a, base 36): an item id fixed by what raised it, so raising it again finds it. */
export function fixedItemId(prefix: string, key: string): string {
  let h = 0x811c9dc5;
  for (const ch of key) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `${prefix.slice(0, 50)}-${h.toString(36)}`;
}
