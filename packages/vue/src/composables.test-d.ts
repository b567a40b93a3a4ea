import { createOptimisticStoreManager } from "@aos/core";
import { describe, expectTypeOf, it } from "vitest";
import type { Ref } from "vue";
import { z } from "zod";
import { useEntity, useForm, useList, useStatus } from "./composables";

interface Todo {
  id: string;
  title: string;
  done: boolean;
}

const todos = createOptimisticStoreManager({
  name: "todos",
  queryFn: () => Promise.resolve<Todo[]>([]),
  mutations: {},
  schemas: { create: z.object({ title: z.string() }) },
});

describe("Vue composable types", () => {
  it("flow the row type into readonly refs", () => {
    expectTypeOf(useList(todos)).toEqualTypeOf<Readonly<Ref<readonly Todo[]>>>();
    expectTypeOf(useEntity(todos, "1").value).toEqualTypeOf<Readonly<Todo> | undefined>();
    expectTypeOf(useStatus(todos).value.isLoading).toBeBoolean();
  });

  it("type form values from the mutation's schema", () => {
    const form = useForm(todos, { kind: "create" });
    expectTypeOf(form.state.value.values).toEqualTypeOf<Readonly<Partial<{ title: string }>>>();
    // @ts-expect-error: not a field of the create schema
    form.setValue("done", true);
  });
});
