import { createOptimisticStoreManager } from "@aos/core";
import { describe, expectTypeOf, it } from "vitest";
import { type Ref, ref, shallowRef } from "vue";
import { z } from "zod";
import { useEntity, useForm, useList, useManager, useStatus } from "./composables";

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

  it("refuse initial values with a field the mutation's schema does not have", () => {
    // @ts-expect-error: "titel" is not a field of the create schema
    useForm(todos, { kind: "create", initialValues: { title: "x", titel: "y" } });
    // @ts-expect-error: an update form needs the row's id
    useForm(todos, { kind: "update" });
    expectTypeOf(
      useForm(todos, { kind: "create", initialValues: { title: "x" } }).state.value.values,
    ).toEqualTypeOf<Readonly<Partial<{ title: string }>>>();
  });

  it("type a form whose options are a getter or a ref as one given directly", () => {
    const id = ref("a");
    const edit = useForm(todos, () => ({ kind: "update", id: id.value }));
    expectTypeOf(edit.state.value.values).toEqualTypeOf<Readonly<Partial<Todo>>>();
    useForm(todos, ref({ kind: "create" as const, initialValues: { title: "x" } }));
    // @ts-expect-error: an update form needs the row's id
    useForm(todos, () => ({ kind: "update" as const }));
  });

  it("type composables given a manager as a getter or a ref as given directly", () => {
    const current = shallowRef(todos);
    expectTypeOf(useList(() => todos)).toEqualTypeOf<Readonly<Ref<readonly Todo[]>>>();
    expectTypeOf(useEntity(current, "1").value).toEqualTypeOf<Readonly<Todo> | undefined>();
    expectTypeOf(useStatus(() => current.value).value.pendingCount).toBeNumber();
    const form = useForm(() => todos, { kind: "create" });
    expectTypeOf(form.state.value.values).toEqualTypeOf<Readonly<Partial<{ title: string }>>>();
    // @ts-expect-error: not a field of the create schema
    form.setValue("done", true);
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
    expectTypeOf(useForm(manager, { kind: "create" }).state.value.values).toEqualTypeOf<
      Readonly<Partial<{ title: string }>>
    >();
  });
});
