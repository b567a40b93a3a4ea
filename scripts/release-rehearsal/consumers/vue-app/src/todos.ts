// The store of a Vue app as a user writes it, with only @aos/core, @aos/vue and
// @aos/realtime-ws.
import { createOptimisticStoreManager, type MutationContext } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createWebSocketTransport } from "@aos/realtime-ws";

export interface Todo {
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

export const todos = createOptimisticStoreManager({
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
