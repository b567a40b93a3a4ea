import { todoCreate, type TodoRow, todoUpdate } from "@aos/app-schemas";
import { createOptimisticStoreManager } from "@aos/core";
import { rememberFailure, request } from "./api";
import { createRealtime } from "@aos/core/realtime";

const now = () => new Date().toISOString();

/** The public todos of the reference server, as every demo uses them; connect a transport to `realtime`. */
export function createTodoManager() {
  return createOptimisticStoreManager({
    name: "todos",
    queryFn: () => request<TodoRow[]>("GET", "/api/todos"),
    mutations: {
      create: (data, context) => request<TodoRow>("POST", "/api/todos", data, context),
      update: ({ id, data }, context) =>
        request<TodoRow>("PATCH", `/api/todos/${id}`, data, context),
      remove: (id, context) => request("DELETE", `/api/todos/${id}`, undefined, context),
    },
    schemas: { create: todoCreate, update: todoUpdate },
    versionField: "version",
    onError: rememberFailure("todos"),
    optimisticDefaults: {
      createOptimisticUiData: (input): TodoRow => ({
        id: input.id ?? crypto.randomUUID(),
        title: input.title,
        completed: input.completed ?? false,
        version: 0,
        createdAt: now(),
        updatedAt: now(),
      }),
      pendingFields: ["version", "createdAt", "updatedAt"],
    },
    realtime: createRealtime(),
  });
}

export type TodoManager = ReturnType<typeof createTodoManager>;
