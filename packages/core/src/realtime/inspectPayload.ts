const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 64;

/**
 * Walks an event payload once, within a size budget: the reason it must be dropped (a key
 * that could reach a prototype, a cycle, too deep, too large), or `undefined` when it is safe
 * to read. Sizes approximate the payload's JSON length.
 */
export function inspectPayload(payload: unknown, maxSize: number): string | undefined {
  let size = 0;
  const ancestors = new Set<object>();

  const visit = (value: unknown, depth: number): string | undefined => {
    if (typeof value === "string") size += value.length + 2;
    else if (typeof value !== "object" || value === null) size += 8;
    else {
      if (depth > MAX_DEPTH) return `it is nested deeper than ${MAX_DEPTH} levels`;
      if (ancestors.has(value)) return "it is cyclic";
      ancestors.add(value);
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) return `it has a "${key}" key`;
        size += key.length + 4;
        if (size > maxSize) break;
        const problem = visit((value as Record<string, unknown>)[key], depth + 1);
        if (problem !== undefined) return problem;
      }
      ancestors.delete(value);
    }
    return size > maxSize ? `it is larger than ${maxSize} characters` : undefined;
  };

  return visit(payload, 0);
}
