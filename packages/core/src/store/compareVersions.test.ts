import { describe, expect, it } from "vitest";
import { compareVersions } from "./compareVersions";

describe("compareVersions", () => {
  it.each([
    [1, 2, -1],
    [2, 2, 0],
    [3, 2, 1],
    [10n, 9n, 1],
    [new Date(1), new Date(2), -1],
    ["2024-05-01T12:00:00Z", "2024-05-01T14:00:00+02:00", 0],
    ["2024-05-02T00:00:00Z", "2024-05-01T23:59:59.999Z", 1],
    ["b", "a", 1],
    ["12", "9", -1],
  ])("orders %o against %o as %i", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it.each([
    [1, undefined],
    [undefined, 1],
    [1, "1"],
    // A counter (a realtime event's version) and an instant (an updatedAt) are not one scale.
    [1, "2024-05-01T12:00:00Z"],
    [new Date(1), 1],
    [Number.NaN, 1],
    [new Date(Number.NaN), new Date(0)],
    [{}, {}],
  ])("cannot order %j against %j", (a, b) => {
    expect(compareVersions(a, b)).toBeUndefined();
  });
});
