import { runAdapterConformance, type TodoManager } from "@aos/adapter-conformance";
import { mount } from "@vue/test-utils";
import { defineComponent, h, nextTick } from "vue";
import { useEntity, useForm, useList, usePending, useStatus } from "./composables";

function mountApp(manager: TodoManager) {
  const counts = { list: 0, rows: new Map<string, number>() };

  const Row = defineComponent({
    props: { id: { type: String, required: true } },
    setup(props) {
      const todo = useEntity(manager, () => props.id);
      const pending = usePending(manager, () => props.id);
      return () => {
        counts.rows.set(props.id, (counts.rows.get(props.id) ?? 0) + 1);
        return h(
          "li",
          { "data-testid": "title", "data-pending": String(pending.value) },
          todo.value?.title,
        );
      };
    },
  });

  const List = defineComponent({
    setup() {
      const todos = useList(manager);
      return () => {
        counts.list++;
        return h(
          "ul",
          todos.value.map((todo) => h(Row, { key: manager.store.keyOf(todo.id), id: todo.id })),
        );
      };
    },
  });

  const Form = defineComponent({
    setup() {
      const form = useForm(manager, { kind: "create" });
      return () =>
        h(
          "form",
          {
            "aria-label": "new todo",
            onSubmit: (event: Event) => {
              event.preventDefault();
              void form.submit();
            },
          },
          [
            h("input", {
              "aria-label": "title",
              value: form.state.value.values.title ?? "",
              onInput: (event: Event) => {
                form.setValue("title", (event.target as HTMLInputElement).value);
              },
            }),
            h("p", { "data-testid": "issue" }, form.state.value.issues.title?.[0] ?? ""),
          ],
        );
    },
  });

  const Status = defineComponent({
    setup() {
      const status = useStatus(manager);
      return () => h("p", { "data-testid": "status" }, `pending ${status.value.pendingCount}`);
    },
  });

  const wrapper = mount(defineComponent({ setup: () => () => [h(Status), h(Form), h(List)] }), {
    attachTo: document.body,
  });
  return {
    titles: () => wrapper.findAll('[data-testid="title"]').map((element) => element.text()),
    pendingTitles: () =>
      wrapper
        .findAll('[data-testid="title"][data-pending="true"]')
        .map((element) => element.text()),
    listRenders: () => counts.list,
    rowRenders: (id: string) => counts.rows.get(id) ?? 0,
    status: () => wrapper.get('[data-testid="status"]').text(),
    titleIssue: () => wrapper.get('[data-testid="issue"]').text(),
    titleValue: () => wrapper.get<HTMLInputElement>('input[aria-label="title"]').element.value,
    typeTitle: async (title: string) => {
      await wrapper.get('input[aria-label="title"]').setValue(title);
    },
    submit: async () => {
      await wrapper.get("form").trigger("submit");
      await nextTick();
    },
    unmount: () => {
      wrapper.unmount();
    },
  };
}

runAdapterConformance({
  name: "Vue",
  mount: mountApp,
  settle: async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  },
});
