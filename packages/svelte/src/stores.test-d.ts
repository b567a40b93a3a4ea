import { createOptimisticStoreManager } from "@aos/core";
import type { Readable } from "svelte/store";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { entityStore, formStore, listStore } from "./stores";

interface Todo {
  id: string;
  title: string;
}

const todos = createOptimisticStoreManager({
  name: "todos",
  queryFn: () => Promise.resolve<Todo[]>([]),
  mutations: {},
  schemas: { create: z.object({ title: z.string() }) },
});

describe("Svelte store types", () => {
  it("flow the row type", () => {
    expectTypeOf(listStore(todos)).toEqualTypeOf<Readable<readonly Todo[]>>();
    expectTypeOf(entityStore(todos, "1")).toEqualTypeOf<Readable<Readonly<Todo> | undefined>>();
  });

  it("type form values from the mutation's schema", () => {
    const form = formStore(todos, { kind: "create" });
    form.setValue("title", "x");
    // @ts-expect-error: not a field of the create schema
    form.setValue("id", "x");
  });

  it("refuse initial values with a field the mutation's schema does not have", () => {
    // @ts-expect-error: "titel" is not a field of the create schema
    formStore(todos, { kind: "create", initialValues: { title: "x", titel: "y" } });
    // @ts-expect-error: an update form needs the row's id
    formStore(todos, { kind: "update" });
    formStore(todos, { kind: "create", initialValues: { title: "x" } }).setValue("title", "y");
  });
});
