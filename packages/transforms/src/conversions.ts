import { parseIsoDateTime } from "./isoDateTime";

/**
 * A conversion the default transformer can apply between an API string and a UI value:
 * `"date"` (ISO-8601 date-time <-> `Date`), `"boolean"` (`"true"`/`"false"` <-> boolean) or
 * `"number"` (plain decimal <-> number).
 *
 * @example
 * const datesOnly: Conversion[] = ["date"];
 * createDefaultTransformer<TodoApi, Todo>({ auto: datesOnly });
 */
export type Conversion = "date" | "boolean" | "number";

/** Every conversion, in the order they are tried. */
export const ALL_CONVERSIONS: readonly Conversion[] = ["date", "boolean", "number"];

// String(Number(text)) === text keeps only numbers written the way JavaScript writes them:
// "007", "+1", ".5", "1.50" and "-0" would not survive the round trip, nor would digits a
// double cannot hold. Allowing only digits, a dot and a minus also keeps out "1e+21", "NaN"
// and "Infinity", which would.
const DECIMAL = /^-?[\d.]+$/;

// The exact string a Date was parsed from, so an unchanged Date goes back to the API as it
// came ("+02:00", microseconds and all) even after the row around it was copied.
const dateSources = new WeakMap<Date, { readonly time: number; readonly text: string }>();

/** The UI value an API value reads as: a string converted by the first matching conversion. */
export function parseValue(value: unknown, conversions: readonly Conversion[]): unknown {
  if (typeof value !== "string") return value;
  for (const conversion of conversions) {
    if (conversion === "date") {
      const time = parseIsoDateTime(value);
      if (time !== undefined) {
        const date = new Date(time);
        dateSources.set(date, { time, text: value });
        return date;
      }
    } else if (conversion === "boolean") {
      if (value === "true") return true;
      if (value === "false") return false;
    } else if (DECIMAL.test(value) && String(Number(value)) === value) {
      return Number(value);
    }
  }
  return value;
}

/** Whether `value` is a Date, duck-typed so Dates from another realm (an iframe) count too. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/**
 * The API string for a UI Date: the text it was parsed from while it is unchanged, an ISO
 * string otherwise, or `undefined` for an invalid Date.
 */
export function formatDate(date: Date): string | undefined {
  const time = date.getTime();
  const source = dateSources.get(date);
  if (source?.time === time) return source.text;
  return Number.isNaN(time) ? undefined : date.toISOString();
}
