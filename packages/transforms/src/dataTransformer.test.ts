import { describe, expect, it } from "vitest";
import { createTransformer } from "./dataTransformer";
import { TransformError } from "./transformError";

interface TodoApi {
  id: string;
  title: string;
  due_at: string;
}

const definition = {
  toUi: (api: TodoApi) => ({ id: api.id, title: api.title, dueAt: new Date(api.due_at) }),
  toApi: (ui: { id: string; title: string; dueAt: Date }) => ({
    id: ui.id,
    title: ui.title,
    due_at: ui.dueAt.toISOString(),
  }),
};

describe("createTransformer", () => {
  it("maps both ways with the functions it was given", () => {
    const transformer = createTransformer(definition);
    const api = { id: "1", title: "Write docs", due_at: "2024-05-01T12:00:00.000Z" };

    const ui = transformer.toUi(api);

    expect(ui).toEqual({ id: "1", title: "Write docs", dueAt: new Date(Date.UTC(2024, 4, 1, 12)) });
    expect(transformer.toApi(ui)).toEqual(api);
  });

  it("keeps optimistic defaults when given and leaves them out otherwise", () => {
    const createOptimisticUiData = (input: { title: string }) => ({
      id: "tmp",
      title: input.title,
      dueAt: new Date(0),
    });

    const withDefaults = createTransformer({
      ...definition,
      optimisticDefaults: { createOptimisticUiData },
    });

    expect(
      withDefaults.optimisticDefaults?.createOptimisticUiData({ title: "a" }, undefined),
    ).toEqual({
      id: "tmp",
      title: "a",
      dueAt: new Date(0),
    });
    expect("optimisticDefaults" in createTransformer(definition)).toBe(false);
  });

  it("returns a frozen transformer", () => {
    const transformer = createTransformer(definition);
    expect(Object.isFrozen(transformer)).toBe(true);
  });

  it.each([
    ["no toUi", { toApi: definition.toApi }],
    ["no toApi", { toUi: definition.toUi }],
    ["a toUi that is not a function", { toUi: "nope", toApi: definition.toApi }],
    [
      "optimistic defaults without a factory",
      { ...definition, optimisticDefaults: { pendingFields: [] } },
    ],
    ["optimistic defaults that are null", { ...definition, optimisticDefaults: null }],
    ["no definition at all", undefined],
    ["a null definition", null],
  ])("refuses a definition with %s", (_, bad) => {
    const create = () => createTransformer(bad as unknown as typeof definition);
    expect(create).toThrow(TransformError);
    expect(create).toThrow(expect.objectContaining({ code: "INVALID_TRANSFORMER" }) as Error);
  });
});
