import { describe, expect, it } from "vitest";
import { valuesEqual } from "./valuesEqual";

describe("valuesEqual", () => {
  it.each([
    [1, 1],
    [Number.NaN, Number.NaN],
    ["a", "a"],
    [null, null],
    [new Date(5), new Date(5)],
    [
      [1, [2, { a: 3 }]],
      [1, [2, { a: 3 }]],
    ],
    [
      { a: 1, b: { c: [new Date(0)] } },
      { b: { c: [new Date(0)] }, a: 1 },
    ],
  ])("treats %j and %j as equal", (a, b) => {
    expect(valuesEqual(a, b)).toBe(true);
  });

  it.each([
    [0, -0],
    [1, "1"],
    [null, undefined],
    [{}, null],
    [new Date(5), new Date(6)],
    [new Date(5), 5],
    [[1], [1, 2]],
    [[1], { 0: 1, length: 1 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      { a: 1, b: undefined },
      { a: 1, c: undefined },
    ],
    [{ a: { b: 1 } }, { a: { b: 2 } }],
    [Object.create(null) as object, {}],
    [new Set(["a"]), new Set(["a", "b"])],
    [new Map([["a", 1]]), new Map([["a", 2]])],
  ])("treats %j and %j as different", (a, b) => {
    expect(valuesEqual(a, b)).toBe(false);
  });
});
