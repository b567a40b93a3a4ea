import { createOptimisticStoreManager } from "@aos/core";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { useEntity, useForm, useList, useManager, useStatus } from "./hooks";

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
});

describe("React hook types", () => {
  it("flow the row type from the manager", () => {
    expectTypeOf(useList(todos)).toEqualTypeOf<readonly Todo[]>();
    expectTypeOf(useEntity(todos, "1")).toEqualTypeOf<Readonly<Todo> | undefined>();
    expectTypeOf(useStatus(todos).pendingCount).toBeNumber();
  });

  it("type form values from the mutation's schema", () => {
    const create = useForm(todos, { kind: "create" });
    expectTypeOf(create.values).toEqualTypeOf<Readonly<Partial<{ title: string }>>>();
    expectTypeOf(create.submit).returns.resolves.toEqualTypeOf<Todo | undefined>();
    // @ts-expect-error: not a field of the create schema
    create.setValue("done", true);

    const update = useForm(todos, { kind: "update", id: "1" });
    update.setValue("done", true);
    // @ts-expect-error: the update schema wants a boolean
    update.setValue("done", "yes");
  });

  it("refuse initial values with a field the mutation's schema does not have", () => {
    // @ts-expect-error: "titel" is not a field of the create schema
    useForm(todos, { kind: "create", initialValues: { title: "x", titel: "y" } });
    // @ts-expect-error: "title" is not a field of the update schema
    useForm(todos, { kind: "update", id: "1", initialValues: { done: true, title: "x" } });
    // @ts-expect-error: an update form needs the row's id
    useForm(todos, { kind: "update" });
    expectTypeOf(
      useForm(todos, { kind: "update", id: "1", initialValues: { done: true } }).values,
    ).toEqualTypeOf<Readonly<Partial<{ done: boolean }>>>();
  });

  it("give useManager the action inputs createOptimisticStoreManager gives", () => {
    const manager = useManager({
      name: "todos",
      queryFn: () => Promise.resolve<Todo[]>([]),
      mutations: {},
      optimisticDefaults: {
        createOptimisticUiData: (input: { title: string }): Todo => ({
          id: "1",
          done: false,
          ...input,
        }),
      },
    });
    expectTypeOf(manager.actions.create).parameter(0).toEqualTypeOf<{ title: string }>();
    expectTypeOf(useForm(manager, { kind: "create" }).values).toEqualTypeOf<
      Readonly<Partial<{ title: string }>>
    >();
  });
});
