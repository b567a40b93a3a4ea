import { describe, expect, it } from "vitest";
import {
  checkboxCreate,
  checkboxUpdate,
  login,
  postCreate,
  postUpdate,
  todoCreate,
  todoUpdate,
} from "./index";

describe("app schemas", () => {
  it("accept what the forms send and trim titles", () => {
    expect(todoCreate.parse({ title: "  Buy milk " })).toEqual({ title: "Buy milk" });
    expect(postCreate.parse({ title: "Hello" })).toEqual({ title: "Hello", body: "" });
    expect(checkboxCreate.parse({ x: 0, y: 19 })).toEqual({ x: 0, y: 19, checked: false });
    expect(login.parse({ username: "ada" })).toEqual({ username: "ada" });
    expect(todoUpdate.parse({ completed: true })).toEqual({ completed: true });
    expect(postUpdate.parse({ body: "" })).toEqual({ body: "" });
  });

  it.each([
    [todoCreate, {}, "title"],
    [todoCreate, { title: "x", extra: 1 }, ""],
    [todoCreate, { title: "x".repeat(201) }, "title"],
    [todoCreate, { id: "nope", title: "x" }, "id"],
    [todoUpdate, {}, ""],
    [postUpdate, {}, ""],
    [postUpdate, { body: "x".repeat(5001) }, "body"],
    [checkboxUpdate, { checked: "on" }, "checked"],
    [todoUpdate, { completed: "yes" }, "completed"],
    [checkboxCreate, { x: 20, y: 0 }, "x"],
    [checkboxCreate, { x: 1.5, y: 0 }, "x"],
    [login, { username: "Robert'); DROP TABLE" }, "username"],
    [todoCreate, { title: "a\u0000b" }, "title"],
    [todoUpdate, { title: "\u0000" }, "title"],
    [postCreate, { title: "x", body: "a\u0000b" }, "body"],
    [postUpdate, { body: "\u0000" }, "body"],
  ])("refuse bad input with the field that is wrong", (schema, input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join(".")).toBe(field);
  });

  it("name the NUL character when they refuse it (PostgreSQL cannot store it in text)", () => {
    const result = todoCreate.safeParse({ title: "a\u0000b" });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "Must not contain the NUL character (\\u0000)",
    ]);
  });
});
