import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createDefaultTransformer } from "./defaultTransformer";
import { TransformError } from "./transformError";

type Row = Record<string, unknown>;

const transformer = createDefaultTransformer<Row>();

describe("createDefaultTransformer: API to UI", () => {
  it("turns ISO date-times, boolean strings and numeric strings into values", () => {
    const ui = transformer.toUi({
      id: "a1",
      createdAt: "2024-05-01T12:00:00.000Z",
      done: "true",
      archived: "false",
      price: "19.5",
      count: "-3",
      title: "Buy milk",
    });

    expect(ui).toEqual({
      id: "a1",
      createdAt: new Date(Date.UTC(2024, 4, 1, 12)),
      done: true,
      archived: false,
      price: 19.5,
      count: -3,
      title: "Buy milk",
    });
  });

  it.each([
    ["a leading zero", "007"],
    ["an exponent", "1e3"],
    ["more digits than a double holds", "12345678901234567890"],
    ["a trailing zero", "1.50"],
    ["negative zero", "-0"],
    ["a plus sign", "+1"],
    ["a bare fraction", ".5"],
    ["an impossible date", "2024-13-45"],
    ["an impossible date-time", "2024-13-45T00:00:00Z"],
    ["a date without a time", "2024-05-01"],
    ["a date-time without an offset", "2024-05-01T12:00:00"],
    ["capitalised booleans", "True"],
    ["padding", " 42"],
    ["the empty string", ""],
  ])("leaves a string with %s as it is", (_, text) => {
    expect(transformer.toUi({ value: text })).toEqual({ value: text });
  });

  it.each(["NaN", "Infinity", "-Infinity", "1e+21", "1e-7", "0x10", "1.", "1..2", "--1"])(
    "leaves %j as it is, though it is not a decimal number",
    (text) => {
      expect(transformer.toUi({ value: text })).toEqual({ value: text });
    },
  );

  it.each([
    ["0", 0],
    ["-1.5", -1.5],
    ["0.000001", 0.000001],
    ["123456789012345680000", 123456789012345680000],
  ])("reads %j as the number %d", (text, number) => {
    expect(transformer.toUi({ value: text })).toEqual({ value: number });
  });

  it("converts inside nested objects and arrays", () => {
    const ui = transformer.toUi({
      owner: { joinedAt: "2020-01-01T00:00:00Z", admin: "true" },
      scores: ["1", "2.5", "x"],
      history: [{ at: "2021-06-01T08:00:00+02:00" }],
    });

    expect(ui).toEqual({
      owner: { joinedAt: new Date(Date.UTC(2020, 0, 1)), admin: true },
      scores: [1, 2.5, "x"],
      history: [{ at: new Date(Date.UTC(2021, 5, 1, 6)) }],
    });
  });

  it("never mutates its input and shares no object with it", () => {
    const api = { tags: ["1"], meta: { at: "2024-05-01T12:00:00Z" } };
    const before = structuredClone(api);

    const ui = transformer.toUi(api);

    expect(api).toEqual(before);
    expect(ui.tags).not.toBe(api.tags);
    expect(ui.meta).not.toBe(api.meta);
  });

  it("converts a row made in another realm (an iframe, a vm context) like any other", () => {
    const api = runInNewContext(
      'JSON.parse(\'{"at":"2024-05-01T12:00:00Z","items":[{"done":"true","n":"1"}]}\')',
    ) as Row;

    const ui = transformer.toUi(api);

    expect(ui).not.toBe(api);
    expect(ui.at).toEqual(new Date(Date.UTC(2024, 4, 1, 12)));
    expect(ui.items).toEqual([{ done: true, n: 1 }]);
    expect(JSON.stringify(transformer.toApi(ui))).toBe(JSON.stringify(api));
  });

  it("keeps values that are not JSON as they are", () => {
    const date = new Date(0);
    const map = new Map([["k", "1"]]);
    const ui = transformer.toUi({ date, map, nothing: null, missing: undefined, n: 4, b: true });

    expect(ui.date).toBe(date);
    expect(ui.map).toBe(map);
    expect(ui).toEqual({ date, map, nothing: null, missing: undefined, n: 4, b: true });
  });
});

describe("createDefaultTransformer: UI to API", () => {
  it("sends unchanged values back exactly as the API sent them", () => {
    const api = {
      at: "2024-05-01T14:00:00.123456+02:00",
      short: "2024-05-01T12:00Z",
      done: "true",
      price: "19.5",
      realNumber: 4,
      realBoolean: false,
    };

    expect(transformer.toApi(transformer.toUi(api))).toEqual(api);
  });

  it("sends an unchanged Date back in its original format even from a copied row", () => {
    const ui = transformer.toUi({ at: "2024-05-01T14:00:00+02:00" });

    expect(transformer.toApi({ ...ui })).toEqual({ at: "2024-05-01T14:00:00+02:00" });
  });

  it("sends edited values back as strings where the API sent strings", () => {
    const ui = transformer.toUi({
      at: "2024-05-01T12:00:00Z",
      done: "true",
      price: "19.5",
      code: "007",
      count: 3,
    });
    (ui.at as Date).setUTCFullYear(2025);
    ui.done = false;
    ui.price = 20;
    ui.code = 7;
    ui.count = 4;

    expect(transformer.toApi(ui)).toEqual({
      at: "2025-05-01T12:00:00.000Z",
      done: "false",
      price: "20",
      code: "7",
      count: 4,
    });
  });

  it("follows the field rule for a value filled into a field the API sent as null", () => {
    const typed = createDefaultTransformer<Row>({ fields: { price: "number", done: "boolean" } });
    const ui = typed.toUi({ price: null, done: null, items: [{ price: null }] });
    ui.price = 5;
    ui.done = true;
    (ui.items as Row[])[0]!.price = 2;

    expect(typed.toApi(ui)).toEqual({ price: "5", done: "true", items: [{ price: "2" }] });
    expect(typed.toApi({ ...ui })).toEqual(typed.toApi(ui));
  });

  it("sends new Dates as ISO strings and leaves new numbers and booleans to field rules", () => {
    const typed = createDefaultTransformer<Row>({ fields: { price: "number", done: "boolean" } });
    const created = { createdAt: new Date(Date.UTC(2024, 0, 2)), price: 3, done: true, votes: 2 };

    expect(typed.toApi(created)).toEqual({
      createdAt: "2024-01-02T00:00:00.000Z",
      price: "3",
      done: "true",
      votes: 2,
    });
    expect(transformer.toApi(created)).toEqual({
      ...created,
      createdAt: "2024-01-02T00:00:00.000Z",
    });
  });

  it("reads a hole in an array the API sent as a value sent undefined", () => {
    const typed = createDefaultTransformer<Row>({ fields: { prices: "number" } });
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    const ui = typed.toUi({ prices: [, "2"] });
    (ui.prices as unknown[])[0] = 1;
    (ui.prices as unknown[])[2] = 3;

    expect(ui.prices).toEqual([1, 2, 3]);
    expect(Object.keys(ui.prices as unknown[])).toEqual(["0", "1", "2"]);
    expect(typed.toApi(ui)).toEqual({ prices: [1, "2", "3"] });
  });

  it("takes a row it made for one it was sent", () => {
    const ui = transformer.toUi({ at: "2024-05-01T14:00:00+02:00", n: "1", list: ["true"] });

    expect(transformer.toUi(ui)).toEqual(ui);
  });

  it("sends a row read back from its own output as the API sent it", () => {
    const api = { n: "1", done: "true", list: [{ price: "2.5" }] };

    expect(transformer.toApi(transformer.toUi(transformer.toUi(api)))).toEqual(api);
  });

  it("refuses an invalid Date with a TransformError naming where it is", () => {
    const send = () => transformer.toApi({ items: [{ at: new Date(Number.NaN) }] });

    expect(send).toThrow(TransformError);
    expect(send).toThrow(
      expect.objectContaining({ code: "INVALID_DATE", path: "$.items[0].at" }) as Error,
    );
  });
});

describe("createDefaultTransformer: per-field control", () => {
  it("applies only the conversion a field names", () => {
    const typed = createDefaultTransformer<Row>({ fields: { zip: "number", flag: ["boolean"] } });

    expect(typed.toUi({ zip: "2024-05-01T12:00:00Z", flag: "1", other: "5" })).toEqual({
      zip: "2024-05-01T12:00:00Z",
      flag: "1",
      other: 5,
    });
    expect(typed.toUi({ zip: "12345", flag: "true" })).toEqual({ zip: 12345, flag: true });
  });

  it("leaves a field that is off exactly as sent, in both directions", () => {
    const typed = createDefaultTransformer<Row>({ fields: { sku: false, raw: false } });
    const date = new Date(0);

    expect(typed.toUi({ sku: "123", raw: { at: "2024-05-01T12:00:00Z" }, n: "1" })).toEqual({
      sku: "123",
      raw: { at: "2024-05-01T12:00:00Z" },
      n: 1,
    });
    expect(typed.toApi({ sku: 123, raw: { at: date } })).toEqual({ sku: 123, raw: { at: date } });
  });

  it("passes a field's rule on to its contents unless a nested field has its own", () => {
    const typed = createDefaultTransformer<Row>({
      auto: false,
      fields: { prices: "number", label: false },
    });

    expect(typed.toUi({ prices: { a: "1", b: ["2", "true"], label: "3" }, other: "4" })).toEqual({
      prices: { a: 1, b: [2, "true"], label: "3" },
      other: "4",
    });
  });

  it("limits automatic detection to the conversions listed in auto", () => {
    const datesOnly = createDefaultTransformer<Row>({ auto: ["date"] });

    expect(datesOnly.toUi({ at: "2024-05-01T12:00:00Z", n: "1", b: "true" })).toEqual({
      at: new Date(Date.UTC(2024, 4, 1, 12)),
      n: "1",
      b: "true",
    });
  });

  it("leaves an id as the API sent it unless a field rule names it", () => {
    const api = { id: "1", owner: { id: "7" }, n: "2" };

    expect(transformer.toUi(api)).toEqual({ id: "1", owner: { id: "7" }, n: 2 });
    expect(transformer.toApi(transformer.toUi(api))).toEqual(api);
    expect(createDefaultTransformer<Row>({ fields: { id: "number" } }).toUi(api)).toEqual({
      id: 1,
      owner: { id: 7 },
      n: 2,
    });
  });

  it("does not read rules from Object.prototype", () => {
    const typed = createDefaultTransformer<Row>({ fields: { price: "number" } });

    expect(typed.toUi({ constructor: "1", toString: "true", price: "2" })).toEqual({
      constructor: 1,
      toString: true,
      price: 2,
    });
  });

  it("passes optimistic defaults through", () => {
    const optimisticDefaults = { createOptimisticUiData: () => ({ id: "tmp" }) };
    const typed = createDefaultTransformer<Row>({ optimisticDefaults });

    expect(typed.optimisticDefaults).toBe(optimisticDefaults);
    expect("optimisticDefaults" in transformer).toBe(false);
  });
});

describe("createDefaultTransformer: hostile input", () => {
  it("keeps __proto__, constructor and prototype keys as plain data", () => {
    const api = JSON.parse(
      '{"__proto__":{"polluted":"true"},"constructor":{"prototype":{"polluted":"1"}},"prototype":"2"}',
    ) as Row;

    const ui = transformer.toUi(api);
    const back = transformer.toApi(ui);

    expect(Object.getPrototypeOf(ui)).toBe(Object.prototype);
    expect(Object.keys(ui)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.getOwnPropertyDescriptor(ui, "__proto__")?.value).toEqual({ polluted: true });
    expect(ui.prototype).toBe(2);
    expect(({} as Row).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual({ polluted: "true" });
    expect(JSON.stringify(back)).toBe(JSON.stringify(api));
  });

  it("keeps null-prototype objects null-prototype", () => {
    const api = Object.assign(Object.create(null) as Row, { n: "1" });

    const ui = transformer.toUi(api);

    expect(Object.getPrototypeOf(ui)).toBeNull();
    expect(ui.n).toBe(1);
  });

  it("throws a clear error for a cyclic value instead of overflowing the stack", () => {
    const api: Row = { list: [{ name: "a" }] };
    (api.list as Row[])[0]!.parent = api;

    for (const run of [() => transformer.toUi(api), () => transformer.toApi(api)]) {
      expect(run).toThrow(TransformError);
      expect(run).toThrow(/cyclic value: \$\.list\[0\]\.parent refers back/);
    }
  });

  it("transforms an object that appears twice without calling it a cycle", () => {
    const shared = { n: "1" };

    expect(transformer.toUi({ a: shared, b: [shared] })).toEqual({ a: { n: 1 }, b: [{ n: 1 }] });
  });

  it("refuses values nested deeper than maxDepth", () => {
    let deep: Row = { leaf: "1" };
    for (let level = 0; level < 20; level++) deep = { next: deep };

    const shallow = createDefaultTransformer<Row>({ maxDepth: 10 });

    expect(() => shallow.toUi(deep)).toThrow(
      expect.objectContaining({ code: "TOO_DEEP" }) as Error,
    );
    expect(() => transformer.toUi(deep)).not.toThrow();
  });

  it("names odd keys in error paths so they can be found", () => {
    const api: Row = { "a b": {} };
    (api["a b"] as Row).self = api["a b"];

    expect(() => transformer.toUi(api)).toThrow(
      expect.objectContaining({ path: '$["a b"].self' }) as Error,
    );
  });
});
