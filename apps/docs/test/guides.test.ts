// Claims of the optimistic-updates, conflicts, forms and realtime guides that only running can
// check, against the real reference server and its socket.io realtime.
import {
  ConflictError,
  createFormObserver,
  createOptimisticStoreManager,
  type MutationContext,
  MutationError,
  ValidationError,
} from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createQueryClient } from "@aos/query-client";
import { createSocketIoTransport, type SocketIoTransport } from "@aos/realtime-socketio";
import { type RunningServer, readConfig, startServer } from "@aos/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { refusal } from "../snippets/guides/server-refusals";

interface Todo {
  id: string;
  title: string;
  completed: boolean;
}

let server: RunningServer;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  server = await startServer({ ...readConfig({}), port: 0, dataDir: "memory" });
});
afterEach(() => {
  for (const stop of cleanup.splice(0)) stop();
});
afterAll(async () => {
  await server.close();
});

/** One request to the server's API; with a context, the ids its realtime events echo. */
async function api<T>(method: string, path: string, body?: unknown, context?: MutationContext) {
  const response = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(body !== undefined && { "Content-Type": "application/json" }),
      ...(context && { "X-Mutation-Id": context.mutationId, "X-Browser-Id": context.browserId }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

type TodoMutations = Parameters<typeof createOptimisticStoreManager<Todo>>[0]["mutations"];

/** A todos store on the server, listening to its socket.io events. */
async function liveTodos(mutations: TodoMutations) {
  const todos = createOptimisticStoreManager(
    {
      name: "todos",
      queryFn: () => api<Todo[]>("GET", "/todos"),
      mutations,
      realtime: createRealtime(),
    },
    createQueryClient(),
  );
  const transport: SocketIoTransport = createSocketIoTransport({ url: server.url });
  todos.realtime?.connect(transport);
  cleanup.push(() => {
    todos.destroy();
    transport.destroy();
  });
  await vi.waitFor(() => {
    expect(todos.realtime?.isConnected).toBe(true);
    expect(todos.status.isSyncing).toBe(false);
  });
  return todos;
}

/** A promise and the function that settles it: holds a request until a test lets it go. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    opened,
    open: () => {
      open();
    },
  };
}

describe("conflicts: a row deleted under you", () => {
  it("disappears, and your update settles as a ConflictError; your other changes stay", async () => {
    const doomed = await api<Todo>("POST", "/todos", { title: "Doomed" });
    const kept = await api<Todo>("POST", "/todos", { title: "Kept" });
    const held = gate();
    const todos = await liveTodos({
      update: async ({ id, data }, context) => {
        if (id === doomed.id) await held.opened;
        return api<Todo>("PATCH", `/todos/${id}`, data, context);
      },
    });

    const editing = todos.actions.update({ id: doomed.id, data: { title: "Mine" } });
    const other = todos.actions.update({ id: kept.id, data: { title: "Also mine" } });
    await api("DELETE", `/todos/${doomed.id}`); // another user, heard through realtime
    await vi.waitFor(() => {
      expect(todos.store.has(doomed.id)).toBe(false);
    });
    held.open();

    const error = await editing.catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toBeInstanceOf(MutationError);
    expect(error).toMatchObject({ reason: "deleted", code: "CONFLICT", id: doomed.id });
    await other;
    expect(todos.store.get(kept.id)?.title).toBe("Also mine");
    expect(todos.store.has(doomed.id)).toBe(false);
  });
});

describe("realtime: your own change whose request failed", () => {
  it("is applied when its echo arrives, the server having committed it", async () => {
    const row = await api<Todo>("POST", "/todos", { title: "Before" });
    const todos = await liveTodos({
      update: async ({ id, data }, context) => {
        await api<Todo>("PATCH", `/todos/${id}`, data, context);
        throw new Error("504 Gateway Timeout"); // the answer was lost, not the change
      },
    });

    const failed = todos.actions.update({ id: row.id, data: { title: "Committed" } });
    await expect(failed).rejects.toBeInstanceOf(MutationError);
    await vi.waitFor(() => {
      expect(todos.store.get(row.id)?.title).toBe("Committed");
    });
  });
});

describe("optimistic updates: where errors go", () => {
  it("a failed request's MutationError reaches status.error and onError; a ValidationError only rejects", async () => {
    const onError = vi.fn();
    const todos = createOptimisticStoreManager(
      {
        name: "todos",
        queryFn: () => api<Todo[]>("GET", "/todos"),
        mutations: {
          create: () => Promise.reject(new Error("500")),
        },
        schemas: { create: z.object({ title: z.string().trim().min(1) }) },
        onError,
      },
      createQueryClient(),
    );
    cleanup.push(todos.destroy);
    await todos.actions.refetch();

    const refused = await todos.actions.create({ title: " " }).catch((cause: unknown) => cause);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(todos.status.error).toBeNull();
    expect(onError).not.toHaveBeenCalled();

    const failed = await todos.actions.create({ title: "Sent" }).catch((cause: unknown) => cause);
    expect(failed).toBeInstanceOf(MutationError);
    expect(todos.status.error).toBe(failed);
    expect(onError).toHaveBeenCalledWith(failed);
  });
});

describe("forms: an update form", () => {
  it("sends only the fields the user changed", async () => {
    const row = await api<Todo>("POST", "/todos", { title: "Form" });
    const sent: unknown[] = [];
    const todos = await liveTodos({
      update: ({ id, data }, context) => {
        sent.push(data);
        return api<Todo>("PATCH", `/todos/${id}`, data, context);
      },
    });
    const form = createFormObserver(todos, {
      kind: "update",
      id: row.id,
      initialValues: { title: "Form", completed: false },
    });

    form.setValue("completed", true);
    const submitted = form.submit();
    expect(form.getSnapshot().submitting).toBe(true);
    expect(todos.store.get(row.id)?.completed).toBe(true);
    await expect(submitted).resolves.toMatchObject({ id: row.id, completed: true });
    expect(sent).toEqual([{ completed: true }]);
  });
});

describe("forms: refused by the server", () => {
  it("shows the server's 422 by field, rolls the change back and keeps what was typed", async () => {
    const todos = await liveTodos({
      // No schema on the client: the server's own is what refuses.
      create: async (data, context) => {
        const response = await fetch(`${server.url}/api/todos`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "X-Mutation-Id": context.mutationId,
            "X-Browser-Id": context.browserId,
          },
          body: JSON.stringify(data),
        });
        if (!response.ok) throw await refusal("create", response);
        return (await response.json()) as Todo;
      },
    });
    const form = createFormObserver(todos, { kind: "create", initialValues: { title: "" } });

    const before = todos.store.count;
    const submitted = form.submit();
    expect(todos.store.count).toBe(before + 1);
    await expect(submitted).resolves.toBeUndefined();

    const { values, issues, error } = form.getSnapshot();
    expect(values).toEqual({ title: "" });
    expect(Object.keys(issues)).toEqual(["title"]);
    expect(issues.title?.[0]).toEqual(expect.any(String));
    expect(error).toBeNull();
    expect(todos.store.count).toBe(before);
    expect(todos.status.error).toBeInstanceOf(MutationError);
    expect((todos.status.error as MutationError).cause).toBeInstanceOf(ValidationError);
  });
});
