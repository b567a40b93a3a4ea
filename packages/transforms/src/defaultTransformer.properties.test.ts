import { isDeepStrictEqual, inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Conversion } from "./conversions";
import { createDefaultTransformer, type DefaultTransformerOptions } from "./defaultTransformer";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FIELD_NAMES = ["at", "done", "price", "tags", "__proto__", "constructor", "prototype"];

const isoWithOffset = fc
  .record({
    time: fc.integer({ min: Date.UTC(0, 0, 1) + 86_400_000, max: Date.UTC(9999, 11, 30) }),
    offsetMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
    fraction: fc.stringMatching(/^(\.\d{1,9})?$/),
  })
  .map(({ time, offsetMinutes, fraction }) => {
    const local = new Date(time + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const sign = offsetMinutes < 0 ? "-" : "+";
    const abs = Math.abs(offsetMinutes);
    const hh = String(Math.floor(abs / 60)).padStart(2, "0");
    const mm = String(abs % 60).padStart(2, "0");
    return `${local}${fraction}${sign}${hh}:${mm}`;
  });

// Strings that look like values, round-trip traps, and anything at all.
const apiString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "true",
    "false",
    "True",
    "007",
    "1e3",
    "-0",
    "0",
    "1.50",
    ".5",
    "12345678901234567890",
    "2024-13-45",
    "2024-13-45T00:00:00Z",
    "2024-05-01",
    "2024-05-01T12:00:00",
    "__proto__",
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  isoWithOffset,
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map(String),
  fc.boolean().map(String),
);

const key = fc.oneof(fc.string(), fc.constantFrom(...FIELD_NAMES));

// Objects are built the way JSON.parse builds them: "__proto__" becomes an own property.
function toObject(entries: readonly (readonly [string, Json])[]): Record<string, Json> {
  const object: Record<string, Json> = {};
  for (const [name, value] of entries) {
    Object.defineProperty(object, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

const { object: apiObject } = fc.letrec<{ value: Json; object: Record<string, Json> }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    apiString,
    fc.array(tie("value"), { maxLength: 4 }),
    tie("object"),
  ),
  object: fc
    .uniqueArray(fc.tuple(key, tie("value")), { selector: ([name]) => name, maxLength: 6 })
    .map(toObject),
}));

const conversion = fc.constantFrom<Conversion>("date", "boolean", "number");

const options: fc.Arbitrary<DefaultTransformerOptions<object>> = fc.record(
  {
    auto: fc.oneof(fc.boolean(), fc.subarray<Conversion>(["date", "boolean", "number"])),
    fields: fc
      .uniqueArray(
        fc.tuple(
          fc.constantFrom(...FIELD_NAMES),
          fc.oneof(
            conversion,
            fc.subarray<Conversion>(["date", "boolean", "number"]),
            fc.constant(false as const),
          ),
        ),
        { selector: ([name]) => name, maxLength: 4 },
      )
      .map((entries) => Object.fromEntries(entries)),
  },
  { requiredKeys: [] },
);

// Not toStrictEqual: it compares `.constructor`, which an own "constructor" key shadows.
function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) {
    expect.fail(
      `expected ${inspect(actual, { depth: null })} to deep-equal ${inspect(expected, { depth: null })}`,
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe("createDefaultTransformer laws", () => {
  it("toApi(toUi(x)) deep-equals x for any JSON API object", () => {
    const transformer = createDefaultTransformer<object>();
    fc.assert(
      fc.property(apiObject, (api) => {
        expectSame(transformer.toApi(transformer.toUi(api)), api);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the law under any automatic and per-field settings", () => {
    fc.assert(
      fc.property(options, apiObject, (settings, api) => {
        const transformer = createDefaultTransformer<object>(settings);
        expectSame(transformer.toApi(transformer.toUi(api)), api);
      }),
      { numRuns: 300 },
    );
  });

  it("reads its own output back to the same UI value, with no memory of the original", () => {
    const transformer = createDefaultTransformer<object>();
    fc.assert(
      fc.property(apiObject, (api) => {
        const ui = transformer.toUi(api);
        const sent = JSON.parse(JSON.stringify(transformer.toApi(ui))) as object;
        expectSame(transformer.toUi(sent), ui);
      }),
      { numRuns: 300 },
    );
  });

  it("never mutates its input and never touches Object.prototype", () => {
    const transformer = createDefaultTransformer<object>();
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    fc.assert(
      fc.property(apiObject, (api) => {
        const copy = structuredClone(api);
        const ui = transformer.toUi(deepFreeze(api));
        transformer.toApi(deepFreeze(ui));
        expectSame(api, copy);
      }),
      { numRuns: 300 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
  });
});
