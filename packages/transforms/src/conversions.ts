import { parseIsoDateTime } from "./isoDateTime";
import { TransformError } from "./transformError";

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

/** The UI value `text` converts to under the first matching conversion, or `undefined`. */
export function parseString(
  text: string,
  conversions: readonly Conversion[],
): Date | boolean | number | undefined {
  for (const conversion of conversions) {
    if (conversion === "date") {
      const time = parseIsoDateTime(text);
      if (time !== undefined) {
        const date = new Date(time);
        dateSources.set(date, { time, text });
        return date;
      }
    } else if (conversion === "boolean") {
      if (text === "true") return true;
      if (text === "false") return false;
    } else if (DECIMAL.test(text)) {
      const number = Number(text);
      if (String(number) === text) return number;
    }
  }
  return undefined;
}

/** Which conversion turns `value` back into a string, if any. */
export function conversionOf(value: unknown): Conversion | undefined {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  // Duck-typed so Dates from another realm (an iframe, a test environment) count too.
  if (Object.prototype.toString.call(value) === "[object Date]") return "date";
  return undefined;
}

/** The API string for a UI value of the given conversion. */
export function formatValue(value: unknown, conversion: Conversion, path: () => string): string {
  if (conversion !== "date") return String(value);
  const time = (value as Date).getTime();
  const source = dateSources.get(value as Date);
  if (source?.time === time) return source.text;
  if (Number.isNaN(time)) {
    throw new TransformError("INVALID_DATE", `Cannot send an invalid Date at ${path()}.`, path());
  }
  return (value as Date).toISOString();
}
