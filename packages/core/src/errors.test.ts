import { describe, expect, it } from "vitest";
import {
  AosError,
  ConflictError,
  InvalidServerResponseError,
  isAosError,
  MutationError,
  ValidationError,
} from "./errors";

describe("errors", () => {
  it("share one root class, tagged messages and a code", () => {
    const errors = [
      new AosError("plain"),
      new ValidationError("create", [{ path: ["title"], message: "Required" }]),
      new MutationError("update", "a", "m1", new Error("500")),
      new InvalidServerResponseError("The update response", { ok: true }),
      new ConflictError("update", "a", "m1", new Error("404")),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(AosError);
      expect(error.message).toMatch(/^\[aos\] /);
      expect(isAosError(error)).toBe(true);
    }
    expect(errors.map((error) => [error.name, error.code])).toEqual([
      ["AosError", "AOS_ERROR"],
      ["ValidationError", "VALIDATION"],
      ["MutationError", "MUTATION"],
      ["InvalidServerResponseError", "INVALID_RESPONSE"],
      ["ConflictError", "CONFLICT"],
    ]);
    expect(errors[4]).toBeInstanceOf(MutationError);
  });

  it("recognises AOS errors from another copy of the package by shape", () => {
    const foreign = Object.assign(new Error("[aos] from elsewhere"), { code: "MUTATION" });

    expect(isAosError(foreign)).toBe(true);
    expect(isAosError(new Error("[aos] no code"))).toBe(false);
    expect(isAosError({ message: "[aos] x", code: "X" })).toBe(false);
  });

  it("groups validation issues by dotted field path", () => {
    const error = new ValidationError("update", [
      { path: ["title"], message: "Too short" },
      { path: ["title"], message: "No emoji" },
      { path: ["tags", 0], message: "Unknown tag" },
      { path: [], message: "Nothing to change" },
    ]);

    expect(error.fields).toEqual({
      title: ["Too short", "No emoji"],
      "tags.0": ["Unknown tag"],
      "": ["Nothing to change"],
    });
    expect(error.message).toBe(
      "[aos] The update input is invalid: Too short (title), and 3 more issue(s).",
    );
    expect(new ValidationError("create", []).message).toBe(
      "[aos] The create input is invalid: rejected by its schema.",
    );
  });

  it("describes causes and responses of any kind, briefly", () => {
    expect(new MutationError("delete", "a", "m", "timeout").message).toBe(
      '[aos] The delete of "a" failed: "timeout"',
    );
    expect(new InvalidServerResponseError("The list", undefined).message).toBe(
      "[aos] The list is not a row with a string id: undefined",
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(new InvalidServerResponseError("x", cyclic).message).toMatch(/\[object Object\]$/);
    expect(new InvalidServerResponseError("x", "y".repeat(500)).message).toMatch(/y…$/);
  });
});
