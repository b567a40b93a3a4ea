import { createTransformer } from "@aos/transforms";
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { OptimisticStore } from "../store/OptimisticStore";
import type { OptimisticStoreOptions } from "../store/types";
import { createOptimisticStoreManager } from "./createOptimisticStoreManager";
import type { MutationContext } from "./types";
import { createRealtime } from "../realtime/RealtimeExtension";

interface TodoApi {
  id: string;
  title: string;
  due_at: string;
}

const transformer = createTransformer({
  toUi: (api: TodoApi) => ({ id: api.id, title: api.title, dueAt: new Date(api.due_at) }),
  toApi: (ui) => ({ id: ui.id, title: ui.title, due_at: ui.dueAt.toISOString() }),
});
interface TodoUi {
  id: string;
  title: string;
  dueAt: Date;
}

const queryFn = () => Promise.resolve<TodoApi[]>([]);

describe("createOptimisticStoreManager types", () => {
  it("infers the UI shape from the transformer", () => {
    const todos = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer,
    });

    expectTypeOf(todos.store.get("1")).toEqualTypeOf<TodoUi | undefined>();
    expectTypeOf(todos.store.list).toEqualTypeOf<TodoUi[]>();
    expectTypeOf(todos.actions.update).returns.resolves.toEqualTypeOf<TodoUi>();
  });

  it("keeps the API shape as the UI shape when versionField, sort or optimistic defaults are given", () => {
    const todos = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      versionField: "due_at",
      sort: (a, b) => a.title.localeCompare(b.title),
      optimisticDefaults: {
        createOptimisticUiData: (input) => ({ id: "1", title: "", due_at: "", ...input }),
      },
      realtime: createRealtime(),
    });

    expectTypeOf(todos.store.list).toEqualTypeOf<TodoApi[]>();
  });

  it("uses the API shape as the UI shape without a transformer", () => {
    const todos = createOptimisticStoreManager({ name: "todos", queryFn, mutations: {} });

    expectTypeOf(todos.store.list).toEqualTypeOf<TodoApi[]>();
    expectTypeOf(todos.actions.create).parameter(0).toEqualTypeOf<Partial<TodoApi>>();
  });

  it("infers action inputs from the schemas, of any vendor", () => {
    const zodTodos = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer,
      schemas: {
        create: z.object({ title: z.string(), tags: z.array(z.string()).optional() }),
        update: z.object({ title: z.string().optional() }),
      },
    });
    expectTypeOf(zodTodos.actions.create)
      .parameter(0)
      .toEqualTypeOf<{ title: string; tags?: string[] | undefined }>();
    expectTypeOf(zodTodos.actions.update)
      .parameter(0)
      .toEqualTypeOf<{ readonly id: string; readonly data: { title?: string | undefined } }>();

    const valibotTodos = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      schemas: { create: v.object({ title: v.string() }) },
    });
    expectTypeOf(valibotTodos.actions.create).parameter(0).toEqualTypeOf<{ title: string }>();
    // @ts-expect-error: the schema requires a title
    void valibotTodos.actions.create({});
  });

  it("types the optimistic factory's input from the create schema's output, and its context", () => {
    createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer,
      schemas: { create: z.object({ title: z.string().trim() }) },
      optimisticContext: () => ({ userId: "u1" }),
      optimisticDefaults: {
        createOptimisticUiData: (input, context) => {
          expectTypeOf(input).toEqualTypeOf<{ title: string }>();
          expectTypeOf(context).toEqualTypeOf<{ userId: string }>();
          return { id: context.userId, title: input.title, dueAt: new Date() };
        },
      },
    });
  });

  it("types mutation functions with API-shaped data and the mutation context", () => {
    createOptimisticStoreManager({
      name: "todos",
      queryFn,
      transformer,
      mutations: {
        create: (data, context) => {
          expectTypeOf(data).toEqualTypeOf<Partial<TodoApi>>();
          expectTypeOf(context).toEqualTypeOf<MutationContext>();
          return Promise.resolve({ id: "1", title: "", due_at: "" });
        },
        update: ({ id, data }) => {
          expectTypeOf(id).toBeString();
          expectTypeOf(data).toEqualTypeOf<Partial<TodoApi>>();
          return Promise.resolve({ id, title: "", due_at: "" });
        },
      },
    });
  });

  it("gives the configured store class back, and checks the version field", () => {
    class TodoStore extends OptimisticStore<TodoUi> {
      get titles() {
        return this.list.map((todo) => todo.title);
      }
    }
    const todos = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer,
      storeClass: TodoStore,
      versionField: "dueAt",
    });
    expectTypeOf(todos.store).toEqualTypeOf<TodoStore>();
    expectTypeOf(todos.store.titles).toEqualTypeOf<string[]>();
    expectTypeOf<OptimisticStoreOptions<TodoUi>["versionField"]>().toEqualTypeOf<
      "id" | "title" | "dueAt" | undefined
    >();

    createOptimisticStoreManager({
      name: "x",
      queryFn,
      mutations: {},
      transformer,
      // @ts-expect-error: not a field of the UI shape
      versionField: "due_at",
    });
  });
});
