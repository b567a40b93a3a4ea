import { createDefaultTransformer, createTransformer } from "@aos/transforms";
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

  it("takes the create input the optimistic defaults take when there is no create schema", () => {
    const buildTodo = (input: { title: string }): TodoUi => ({
      id: "1",
      title: input.title,
      dueAt: new Date(),
    });
    const withDefaults = createTransformer({
      toUi: (api: TodoApi): TodoUi => ({ id: api.id, title: api.title, dueAt: new Date() }),
      toApi: (ui) => ({ id: ui.id, title: ui.title, due_at: ui.dueAt.toISOString() }),
      optimisticDefaults: { createOptimisticUiData: buildTodo },
    });
    const fromCustom = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer: withDefaults,
    });
    expectTypeOf(fromCustom.actions.create).parameter(0).toEqualTypeOf<{ title: string }>();
    // @ts-expect-error: the optimistic defaults need a title
    void fromCustom.actions.create({});

    const fromDefault = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer: createDefaultTransformer<TodoApi, TodoUi, { title: string }>({
        optimisticDefaults: { createOptimisticUiData: buildTodo },
      }),
    });
    expectTypeOf(fromDefault.actions.create).parameter(0).toEqualTypeOf<{ title: string }>();

    // The config's own defaults win over the transformer's, with or without one.
    const overriding = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer,
      optimisticDefaults: {
        createOptimisticUiData: (input: { title: string; dueAt: Date }) => ({ id: "1", ...input }),
      },
    });
    expectTypeOf(overriding.actions.create)
      .parameter(0)
      .toEqualTypeOf<{ title: string; dueAt: Date }>();
    const apiShaped = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      optimisticDefaults: {
        createOptimisticUiData: (input: { title: string }) => ({ id: "1", due_at: "", ...input }),
      },
    });
    expectTypeOf(apiShaped.actions.create).parameter(0).toEqualTypeOf<{ title: string }>();
  });

  it("refuses a transformer whose optimistic defaults cannot take the create schema's output", () => {
    const withDefaults = createDefaultTransformer<TodoApi, TodoUi, { title: string }>({
      optimisticDefaults: {
        createOptimisticUiData: (input) => ({ id: "1", title: input.title, dueAt: new Date() }),
      },
    });
    const todos = createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      transformer: withDefaults,
      schemas: { create: z.object({ title: z.string().trim(), tags: z.array(z.string()) }) },
    });
    expectTypeOf(todos.actions.create)
      .parameter(0)
      .toEqualTypeOf<{ title: string; tags: string[] }>();

    createOptimisticStoreManager({
      name: "todos",
      queryFn,
      mutations: {},
      // @ts-expect-error: the schema produces no title
      transformer: withDefaults,
      schemas: { create: z.object({ name: z.string() }) },
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
