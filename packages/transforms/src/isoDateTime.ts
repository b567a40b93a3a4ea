// Date-time with an explicit offset (RFC 3339 profile of ISO 8601). Strings without an offset
// name no instant (they are read as local time), so they stay strings; so do date-only strings.
// Times are range-checked here, the day against its month below.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The epoch milliseconds of an ISO-8601 date-time with an offset (`2024-05-01T12:00:00Z`,
 * `2024-05-01T14:00:00.123456+02:00`), or `undefined` when the string is not one or names
 * an impossible date (`2024-13-45T00:00:00Z`, `2023-02-29T00:00:00Z`).
 */
export function parseIsoDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const day = Number(match[3]);
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as written. An impossible date rolls
  // over (2023-02-30 to March 2nd, month 13 to January), so its month or day reads back changed.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) return undefined;
  // With its fraction cut or padded to milliseconds, the text is now in the ECMAScript date-time
  // format, which every engine must parse the same way.
  return Date.parse(
    text.replace(/\.(\d{1,3})\d*/, (_, milliseconds: string) => `.${milliseconds.padEnd(3, "0")}`),
  );
}
