/**
 * Orders two row versions: numbers, bigints, Dates, and strings (ISO timestamps compare as
 * instants, other strings by code point). `undefined` when either is missing or they are of
 * kinds that cannot be compared, in which case no version rule applies: a counter (such as a
 * realtime event's `version`) never orders against an instant (such as an `updatedAt`).
 */
export function compareVersions(a: unknown, b: unknown): number | undefined {
  const left = comparable(a);
  const right = comparable(b);
  if (
    left === undefined ||
    right === undefined ||
    typeof left !== typeof right ||
    (typeof a === "number") !== (typeof b === "number")
  ) {
    return undefined;
  }
  return left < right ? -1 : left > right ? 1 : 0;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function comparable(value: unknown): number | bigint | string | undefined {
  if (typeof value === "number") return Number.isNaN(value) ? undefined : value;
  if (typeof value === "bigint") return value;
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : time;
  }
  if (typeof value === "string") {
    const time = ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
    return Number.isNaN(time) ? value : time;
  }
  return undefined;
}
