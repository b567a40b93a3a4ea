// Date-time with an explicit offset (RFC 3339 profile of ISO 8601). Strings without an offset
// name no instant (they are read as local time), so they stay strings; so do date-only strings.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The epoch milliseconds of an ISO-8601 date-time with an offset (`2024-05-01T12:00:00Z`,
 * `2024-05-01T14:00:00.123456+02:00`), or `undefined` when the string is not one or names
 * an impossible date (`2024-13-45T00:00:00Z`, `2023-02-29T00:00:00Z`).
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = "0", fraction = "", sign, oh = "0", om = "0"] = match;
  const year = Number(y);
  const monthIndex = Number(mo) - 1;
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return undefined;
  }
  const millisecond = Number(fraction.slice(0, 3).padEnd(3, "0"));
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written. An impossible date rolls
  // over (2023-02-30 to March 2nd, month 13 to January), so its month or day reads back changed.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, millisecond);
  const offset = (offsetHours * 60 + offsetMinutes) * (sign === "-" ? -1 : 1);
  return date.getTime() - offset * 60_000;
}
