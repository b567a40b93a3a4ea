// A React app as a user writes it, with only @aos/core, @aos/react and @aos/realtime-socketio.
import { createOptimisticStoreManager, type MutationContext } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { useEntity, useList, useStatus } from "@aos/react";
import { createSocketIoTransport } from "@aos/realtime-socketio";
import { memo } from "react";
import { createRoot } from "react-dom/client";

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
todos.realtime?.connect(createSocketIoTransport({ url: origin }));

const TodoItem = memo(function TodoItem({ id }: { id: string }) {
  const todo = useEntity(todos, id);
  if (todo === undefined) return null;
  const toggle = () =>
    todos.actions.update({ id, data: { completed: !todo.completed } }).catch(() => undefined);
  return (
    <li style={{ opacity: todos.store.isPending(id) ? 0.6 : 1 }}>
      <input type="checkbox" checked={todo.completed} onChange={() => void toggle()} />
      {todo.title}
    </li>
  );
});

function App() {
  const rows = useList(todos);
  const status = useStatus(todos);
  return (
    <>
      {status.error !== null && <p role="alert">{status.error.message}</p>}
      <ul>
        {rows.map((todo) => (
          <TodoItem key={todos.store.keyOf(todo.id)} id={todo.id} />
        ))}
      </ul>
      <button onClick={() => void todos.actions.create({ title: "New" }).catch(() => undefined)}>
        Add
      </button>
    </>
  );
}

const root = document.getElementById("root");
if (root === null) throw new Error("no #root element");
createRoot(root).render(<App />);
