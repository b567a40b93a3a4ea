/**
 * Whether two field values are the same for display: identical, Dates of the same instant,
 * or arrays and plain objects with equal contents. Used to write only fields that changed.
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) {
      if (!valuesEqual(a[index], b[index])) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(a) as object | null;
  // Other objects (a Set, a Map, a Temporal date) may keep their contents out of their keys.
  if (prototype !== Object.getPrototypeOf(b) || (prototype && prototype !== Object.prototype)) {
    return false;
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key)) return false;
    if (!valuesEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}
