import { describe, expectTypeOf, it } from "vitest";
import { createTransformer, type DataTransformer } from "./dataTransformer";
import { createDefaultTransformer } from "./defaultTransformer";

interface TodoApi {
  id: string;
  title: string;
  due_at: string;
}

describe("createTransformer types", () => {
  it("infers the API shape from toUi's parameter and the UI shape from its result", () => {
    const transformer = createTransformer({
      toUi: (api: TodoApi) => ({ id: api.id, title: api.title, dueAt: new Date(api.due_at) }),
      toApi: (ui) => {
        expectTypeOf(ui).toEqualTypeOf<{ id: string; title: string; dueAt: Date }>();
        return { id: ui.id, title: ui.title, due_at: ui.dueAt.toISOString() };
      },
    });

    expectTypeOf(transformer).toEqualTypeOf<
      DataTransformer<TodoApi, { id: string; title: string; dueAt: Date }>
    >();
  });

  it("checks toApi's result against the API shape instead of inferring from it", () => {
    createTransformer({
      toUi: (api: TodoApi) => ({ id: api.id }),
      // @ts-expect-error: due_at and title are missing from the API shape
      toApi: (ui) => ({ id: ui.id }),
    });
  });

  it("types the optimistic factory's input and requires it to return the UI shape", () => {
    const transformer = createTransformer({
      toUi: (api: TodoApi) => ({ id: api.id, title: api.title }),
      toApi: (ui) => ({ ...ui, due_at: "" }),
      optimisticDefaults: {
        createOptimisticUiData: (input: { title: string }) => ({ id: "tmp", title: input.title }),
        pendingFields: ["id"],
      },
    });
    expectTypeOf(transformer.optimisticDefaults?.createOptimisticUiData)
      .parameter(0)
      .toEqualTypeOf<{ title: string }>();

    createTransformer({
      toUi: (api: TodoApi) => ({ id: api.id, title: api.title }),
      toApi: (ui) => ({ ...ui, due_at: "" }),
      optimisticDefaults: {
        // @ts-expect-error: the optimistic row lacks the UI shape's title
        createOptimisticUiData: () => ({ id: "tmp" }),
        // @ts-expect-error: not a UI field
        pendingFields: ["due_at"],
      },
    });
  });
});

describe("createDefaultTransformer types", () => {
  it("takes the API and UI shapes as type arguments", () => {
    interface Todo {
      id: string;
      title: string;
      due_at: Date;
    }
    const transformer = createDefaultTransformer<TodoApi, Todo>({ fields: { due_at: "date" } });

    expectTypeOf(transformer.toUi).returns.toEqualTypeOf<Todo>();
    expectTypeOf(transformer.toApi).returns.toEqualTypeOf<TodoApi>();
  });

  it("refuses an unknown conversion", () => {
    // @ts-expect-error: "bigint" is not a conversion
    createDefaultTransformer<TodoApi>({ fields: { id: "bigint" } });
  });
});
