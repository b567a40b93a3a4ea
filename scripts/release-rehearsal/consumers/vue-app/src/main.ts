// A Vue app as a user writes it, with only @aos/core, @aos/vue and @aos/realtime-ws. Render
// functions instead of single-file components keep the app to Vue and Vite alone.
import { createOptimisticStoreManager, type MutationContext } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createWebSocketTransport } from "@aos/realtime-ws";
import { useEntity, useList, useStatus } from "@aos/vue";
import { createApp, defineComponent, h } from "vue";

interface Todo {
  id: string;
  title: string;
  completed: boolean;
}

const origin = "http://localhost:4000";

async function api<T>(method: string, path: string, body?: unknown, context?: MutationContext) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(context && { "X-Mutation-Id": context.mutationId, "X-Browser-Id": context.browserId }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const todos = createOptimisticStoreManager({
  name: "todos",
  queryFn: () => api<Todo[]>("GET", "/todos"),
  mutations: {
    create: (data, context) => api<Todo>("POST", "/todos", data, context),
    update: ({ id, data }, context) => api<Todo>("PATCH", `/todos/${id}`, data, context),
    remove: (id, context) => api<undefined>("DELETE", `/todos/${id}`, undefined, context),
  },
  realtime: createRealtime(),
});
todos.realtime?.connect(createWebSocketTransport({ url: () => "ws://localhost:4000/ws" }));

const TodoItem = defineComponent({
  props: { id: { type: String, required: true } },
  setup(props) {
    const todo = useEntity(todos, () => props.id);
    const toggle = (completed: boolean) =>
      todos.actions.update({ id: props.id, data: { completed } }).catch(() => undefined);
    return () => {
      const row = todo.value;
      if (row === undefined) return null;
      return h("li", { style: { opacity: todos.store.isPending(row.id) ? 0.6 : 1 } }, [
        h("input", {
          type: "checkbox",
          checked: row.completed,
          onChange: () => void toggle(!row.completed),
        }),
        row.title,
      ]);
    };
  },
});

const App = defineComponent({
  setup() {
    const rows = useList(todos);
    const status = useStatus(todos);
    return () => [
      status.value.error !== null ? h("p", { role: "alert" }, status.value.error.message) : null,
      h(
        "ul",
        rows.value.map((todo) => h(TodoItem, { key: todos.store.keyOf(todo.id), id: todo.id })),
      ),
      h(
        "button",
        { onClick: () => void todos.actions.create({ title: "New" }).catch(() => undefined) },
        "Add",
      ),
    ];
  },
});

createApp(App).mount("#root");
