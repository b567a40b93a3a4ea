import { createOptimisticStoreManager, type MutationContext } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createSocketIoTransport } from "@aos/realtime-socketio";
import { z } from "zod";

// #region api
/** A row as the API sends it: every mutation answers with the full row. */
export interface Todo {
  id: string;
  title: string;
  completed: boolean;
}

/** One fetch per call; the context's ids let the server echo them in its realtime events. */
async function api<T>(method: string, path: string, body?: unknown, context?: MutationContext) {
  const response = await fetch(`https://api.example.com${path}`, {
    method,
    headers: {
      // Only a request with a body says it is JSON: some servers refuse an empty JSON body.
      ...(body !== undefined && { "Content-Type": "application/json" }),
      ...(context && { "X-Mutation-Id": context.mutationId, "X-Browser-Id": context.browserId }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
// #endregion api

// #region store
export const todos = createOptimisticStoreManager({
  name: "todos",
  queryFn: () => api<Todo[]>("GET", "/todos"),
  mutations: {
    create: (data, context) => api<Todo>("POST", "/todos", data, context),
    update: ({ id, data }, context) => api<Todo>("PATCH", `/todos/${id}`, data, context),
    remove: (id, context) => api<undefined>("DELETE", `/todos/${id}`, undefined, context),
  },
  // One schema per mutation: a create needs a title, an update any subset of fields.
  // #region schemas
  schemas: {
    create: z.object({ title: z.string().trim().min(1), completed: z.boolean().default(false) }),
    update: z.object({ title: z.string().trim().min(1), completed: z.boolean() }).partial(),
  },
  // #endregion schemas
  realtime: createRealtime(),
});

todos.realtime?.connect(createSocketIoTransport({ url: "https://api.example.com" }));
// #endregion store
