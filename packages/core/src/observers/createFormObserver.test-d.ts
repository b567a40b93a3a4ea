import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { createOptimisticStoreManager } from "../manager/createOptimisticStoreManager";
import { createFormObserver, type FormOptions, type FormValues } from "./createFormObserver";

interface Todo {
  id: string;
  title: string;
  done: boolean;
}

const todos = createOptimisticStoreManager({
  name: "todos",
  queryFn: () => Promise.resolve<Todo[]>([]),
  mutations: {},
  schemas: { create: z.object({ title: z.string() }), update: z.object({ done: z.boolean() }) },
  autoStart: false,
});

describe("createFormObserver types", () => {
  it("types the values by the mutation's input", () => {
    const create = createFormObserver(todos, { kind: "create", initialValues: { title: "x" } });
    expectTypeOf(create.getSnapshot().values).toEqualTypeOf<Readonly<Partial<{ title: string }>>>();
    const update = createFormObserver(todos, { kind: "update", id: "1" });
    expectTypeOf(update.getSnapshot().values).toEqualTypeOf<Readonly<Partial<{ done: boolean }>>>();
  });

  it("refuses initial values with a field the mutation's schema does not have", () => {
    // @ts-expect-error: "titel" is not a field of the create schema
    createFormObserver(todos, { kind: "create", initialValues: { title: "x", titel: "y" } });
    createFormObserver(todos, {
      kind: "update",
      id: "1",
      // @ts-expect-error: "title" is not a field of the update schema
      initialValues: { done: true, title: "" },
    });
    // @ts-expect-error: the create schema wants a string
    createFormObserver(todos, { kind: "create", initialValues: { title: 1 } });
  });

  it("takes options typed as the union, with values of either mutation", () => {
    const options = { kind: "create" } as FormOptions<{ title: string }, { done: boolean }>;
    expectTypeOf(createFormObserver(todos, options).getSnapshot().values).toEqualTypeOf<
      Readonly<Partial<{ title: string } | { done: boolean }>>
    >();
    expectTypeOf<FormValues<{ kind: "create" }, { a: 1 }, { b: 2 }>>().toEqualTypeOf<{ a: 1 }>();
  });
});
