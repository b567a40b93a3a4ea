import { createObserver, createOptimisticStoreManager } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { mount } from "@vue/test-utils";
import { getObserverTree, observable, runInAction } from "mobx";
import { describe, expect, it, vi } from "vitest";
import { defineComponent, effectScope, h, isReadonly, nextTick, type PropType, ref } from "vue";
import {
  useEntity,
  useForm,
  useList,
  useManager,
  useObserver,
  usePending,
  useStatus,
} from "./composables";

interface Todo {
  id: string;
  title: string;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  let answer: (rows: Todo[]) => void = () => undefined;
  const queryFn = vi.fn(() => new Promise<Todo[]>((resolve) => (answer = resolve)));
  const update = vi.fn(({ id, data }: { id: string; data: Partial<Todo> }) =>
    Promise.resolve({ id, title: data.title ?? "" }),
  );
  return {
    queryClient,
    queryFn,
    update,
    config: { name: "todos", queryFn, mutations: { update } },
    answer: (rows: Todo[]) => {
      answer(rows);
    },
  };
}

describe("Vue composables", () => {
  it("return readonly refs, disposed with their effect scope", () => {
    const box = observable.box(1);
    const observer = createObserver(() => box.get());
    const scope = effectScope();
    const value = scope.run(() => useObserver(observer))!;

    expect(isReadonly(value)).toBe(true);
    runInAction(() => {
      box.set(2);
    });
    expect(value.value).toBe(2);
    expect(observer.listenerCount()).toBe(1);

    scope.stop();
    expect(observer.listenerCount()).toBe(0);
    runInAction(() => {
      box.set(3);
    });
    expect(value.value).toBe(2);
  });

  it("work outside any scope too: the manager starts at once and stays subscribed", async () => {
    const { queryClient, queryFn, config } = setup();
    const manager = useManager<Todo>(config, queryClient);
    const count = useObserver(createObserver(() => manager.store.count));
    await tick();

    expect(manager.isRunning()).toBe(true);
    expect(queryFn).toHaveBeenCalledTimes(1);
    manager.applyServerRow({ id: "x", title: "pushed" });
    expect(count.value).toBe(1);
    manager.destroy();
  });

  it("follow a changing id", async () => {
    const { queryClient, config, answer } = setup();
    const id = ref("a");
    const scope = effectScope();
    const { manager, todo } = scope.run(() => {
      const manager = useManager<Todo>(config, queryClient);
      return { manager, todo: useEntity(manager, id) };
    })!;
    await tick();
    answer([
      { id: "a", title: "one" },
      { id: "b", title: "two" },
    ]);
    await tick();
    expect(todo.value?.title).toBe("one");

    id.value = "b";
    await nextTick();
    expect(todo.value?.title).toBe("two");
    scope.stop();
    expect(manager.isRunning()).toBe(false);
  });

  it("follow a manager given as a prop: another manager gives another list, row, status and form", async () => {
    const [first, second] = [setup(), setup()];
    const managers = [
      useManager<Todo>(first.config, first.queryClient),
      useManager<Todo>(second.config, second.queryClient),
    ] as const;
    await tick();
    first.answer([{ id: "a", title: "first" }]);
    second.answer([
      { id: "a", title: "second" },
      { id: "b", title: "more" },
    ]);
    await tick();
    type Manager = (typeof managers)[number];
    let form: ReturnType<typeof useForm<Todo, Partial<Todo>, Partial<Todo>, "update">>;
    const Rows = defineComponent({
      props: { manager: { type: Object as PropType<Manager>, required: true } },
      setup(props) {
        const rows = useList(() => props.manager);
        const todo = useEntity(() => props.manager, "a");
        const pending = usePending(() => props.manager, "a");
        const status = useStatus(() => props.manager);
        form = useForm(() => props.manager, { kind: "update", id: "a" });
        return () =>
          h(
            "p",
            [
              rows.value.map((row) => row.title).join(","),
              todo.value?.title,
              pending.value,
              status.value.pendingCount,
            ].join(" | "),
          );
      },
    });
    const wrapper = mount(Rows, { props: { manager: managers[0] } });
    expect(wrapper.text()).toBe("first | first | false | 0");

    await wrapper.setProps({ manager: managers[1] });
    expect(wrapper.text()).toBe("second,more | second | false | 0");
    form!.setValue("title", "edited");
    const submitting = form!.submit();
    await nextTick();
    expect(wrapper.text()).toBe("edited,more | edited | true | 1");
    await submitting;
    expect(second.update).toHaveBeenCalledWith(
      { id: "a", data: { title: "edited" } },
      expect.anything(),
    );
    expect(first.update).not.toHaveBeenCalled();
    // The first manager is no longer followed.
    managers[0].applyServerRow({ id: "c", title: "late" });
    void managers[0].actions.update({ id: "a", data: { title: "elsewhere" } });
    await nextTick();
    expect(wrapper.text()).toBe("edited,more | edited | false | 0");

    wrapper.unmount();
    for (const manager of managers) {
      expect(getObserverTree(manager.store, "list").observers).toBeUndefined();
      manager.destroy();
    }
  });

  it("useManager starts once mounted, fetches once, and leaves nothing after unmount", async () => {
    const { queryClient, queryFn, config, answer } = setup();
    let manager: ReturnType<typeof useManager<Todo>> | undefined;
    const App = defineComponent({
      setup() {
        manager = useManager<Todo>(config, queryClient);
        const rows = useList(manager);
        return () => h("p", rows.value.map((row) => row.title).join(",") || "empty");
      },
    });

    const wrapper = mount(App);
    await tick();
    answer([{ id: "a", title: "one" }]);
    await tick();
    await nextTick();

    expect(wrapper.text()).toBe("one");
    expect(queryFn).toHaveBeenCalledTimes(1);
    wrapper.unmount();
    expect(manager?.isRunning()).toBe(false);
    expect(
      queryClient
        .getQueryCache()
        .find({ queryKey: ["todos"] })
        ?.getObserversCount(),
    ).toBe(0);
    expect(getObserverTree(manager!.store, "list").observers).toBeUndefined();
  });

  it("binds a form to one row's update", async () => {
    const { queryClient, config, answer, update } = setup();
    const scope = effectScope();
    const { manager, form } = scope.run(() => {
      const manager = useManager<Todo>(config, queryClient);
      return { manager, form: useForm(manager, { kind: "update", id: "a" }) };
    })!;
    await tick();
    answer([{ id: "a", title: "one" }]);
    await tick();

    form.setValue("title", "edited");
    expect(form.state.value.values).toEqual({ title: "edited" });
    await form.submit();

    expect(update).toHaveBeenCalledWith({ id: "a", data: { title: "edited" } }, expect.anything());
    expect(manager.store.get("a")?.title).toBe("edited");
    scope.stop();
  });

  it("follows a form's row when its id is a getter: a reused route edits the row it shows", async () => {
    const { queryClient, config, answer, update } = setup();
    const manager = useManager<Todo>(config, queryClient);
    await tick();
    answer([
      { id: "a", title: "one" },
      { id: "b", title: "two" },
    ]);
    await tick();
    const Edit = defineComponent({
      props: { id: { type: String, required: true } },
      setup(props) {
        const todo = useEntity(manager, () => props.id);
        const form = useForm(manager, () => ({
          kind: "update",
          id: props.id,
          initialValues: todo.value,
        }));
        return { form };
      },
      render() {
        return h("p", String(this.form.state.value.values.title));
      },
    });
    const wrapper = mount(Edit, { props: { id: "a" } });
    const form = (
      wrapper.vm as unknown as {
        form: ReturnType<typeof useForm<Todo, Partial<Todo>, Partial<Todo>, "update">>;
      }
    ).form;
    expect(wrapper.text()).toBe("one");

    // A change to the row does not reset what is typed; another row gives a new form.
    form.setValue("title", "typed");
    await nextTick();
    expect(wrapper.text()).toBe("typed");
    await wrapper.setProps({ id: "b" });
    expect(wrapper.text()).toBe("two");
    // The actions reach the new form.
    form.setValues({ title: "draft" });
    await nextTick();
    expect(wrapper.text()).toBe("draft");
    form.reset();
    await nextTick();
    expect(wrapper.text()).toBe("two");

    form.setValue("title", "second");
    await form.submit();
    expect(update).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith({ id: "b", data: { title: "second" } }, expect.anything());
    expect(manager.store.get("a")?.title).toBe("one");
    wrapper.unmount();
    manager.destroy();
  });

  it("keeps what is typed into a row's update form when the server replaces its temporary id", async () => {
    let confirm: ((row: Todo) => void) | undefined;
    const todos = createOptimisticStoreManager<Todo>(
      {
        name: "todos",
        queryFn: () => Promise.resolve([]),
        mutations: {
          create: () => new Promise<Todo>((resolve) => (confirm = resolve)),
          update: ({ id, data }) => Promise.resolve({ id, title: data.title ?? "" }),
        },
        autoStart: false,
      },
      createQueryClient(),
    );
    const created = todos.actions.create({ title: "draft" });
    const temporaryId = todos.store.list[0]!.id;
    const Edit = defineComponent({
      props: { id: { type: String, required: true } },
      setup(props) {
        const form = useForm(todos, () => ({
          kind: "update",
          id: props.id,
          initialValues: { title: "draft" },
        }));
        return { form };
      },
      render() {
        return h("p", String(this.form.state.value.values.title));
      },
    });
    const wrapper = mount(Edit, { props: { id: temporaryId } });
    const form = (
      wrapper.vm as unknown as {
        form: ReturnType<typeof useForm<Todo, Partial<Todo>, Partial<Todo>, "update">>;
      }
    ).form;
    form.setValue("title", "typed");
    await tick(); // the create's request is sent
    confirm!({ id: "srv-1", title: "draft" });
    await created;

    await wrapper.setProps({ id: "srv-1" });
    expect(wrapper.text()).toBe("typed");
    await form.submit();
    expect(todos.store.get("srv-1")?.title).toBe("typed");
    wrapper.unmount();
    todos.destroy();
  });
});
