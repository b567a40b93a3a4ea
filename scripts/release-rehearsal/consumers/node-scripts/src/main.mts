// A Node script as a user writes it, with only @aos/core, @aos/transforms and
// @aos/query-client: an optimistic update against a small server in this process, then one
// the server refuses. The rehearsal copies this file to main.cts, so the same code runs once
// as CommonJS (require) and once as an ES module (import); it prints one RESULT line of JSON.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createOptimisticStoreManager, MutationError } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { createTransformer } from "@aos/transforms";

/** A row as the API sends it. */
interface TodoApi {
  id: string;
  title: string;
  done: boolean;
  updated_at: string;
}

/** The server: one table in memory; each PATCH answers only when the script lets it. */
function startServer() {
  const rows = new Map<string, TodoApi>([
    ["t1", { id: "t1", title: "Tea", done: false, updated_at: "2026-01-01T00:00:00.000Z" }],
  ]);
  const held: (() => void)[] = [];
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let text = "";
    for await (const chunk of request) text += String(chunk);
    const id = request.url?.split("/")[2] ?? "";
    if (request.method === "GET" && request.url === "/todos") {
      send(response, 200, [...rows.values()]);
      return;
    }
    const row = rows.get(id);
    if (request.method !== "PATCH" || row === undefined) {
      send(response, 404, { error: "not found" });
      return;
    }
    await new Promise<void>((release) => held.push(release));
    const patch = JSON.parse(text) as Partial<TodoApi>;
    if (patch.title !== undefined && patch.title.trim() === "") {
      send(response, 422, { error: "title is empty" });
      return;
    }
    const next = { ...row, ...patch, id, updated_at: new Date().toISOString() };
    rows.set(id, next);
    send(response, 200, next);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: String(error) });
    });
  });
  return new Promise<{ url: string; rows: typeof rows; held: typeof held; close: () => void }>(
    (resolve) => {
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        resolve({ url: `http://127.0.0.1:${port}`, rows, held, close: () => server.close() });
      });
    },
  );
}

async function waitFor(condition: () => boolean) {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 500) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main() {
  const server = await startServer();
  const api = async <T,>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  };

  const todos = createOptimisticStoreManager(
    {
      name: "todos",
      queryFn: () => api<TodoApi[]>("GET", "/todos"),
      mutations: {
        update: ({ id, data }) => api<TodoApi>("PATCH", `/todos/${id}`, data),
      },
      // API shape -> UI shape: updated_at becomes a Date named updatedAt, and back. An update
      // sends only the fields whose API value changed.
      transformer: createTransformer({
        toUi: (row: TodoApi) => ({
          id: row.id,
          title: row.title,
          done: row.done,
          updatedAt: new Date(row.updated_at),
        }),
        toApi: (todo) => ({
          id: todo.id,
          title: todo.title,
          done: todo.done,
          updated_at: todo.updatedAt.toISOString(),
        }),
      }),
    },
    createQueryClient(),
  );
  await todos.actions.refetch();

  // The optimistic update: on screen at once, on the server only once it answers.
  const saving = todos.actions.update({ id: "t1", data: { done: true } });
  const optimistic = {
    done: todos.store.get("t1")?.done,
    pending: todos.store.isPending("t1"),
    serverDone: server.rows.get("t1")?.done,
  };
  await waitFor(() => server.held.length === 1);
  server.held.shift()?.();
  const saved = await saving;
  const confirmed = {
    done: todos.store.get("t1")?.done,
    pending: todos.store.isPending("t1"),
    serverDone: server.rows.get("t1")?.done,
    updatedAtIsDate: saved.updatedAt instanceof Date,
  };

  // A change the server refuses: shown at once, then taken back, and the promise says why.
  const renaming = todos.actions.update({ id: "t1", data: { title: " " } });
  const shown = todos.store.get("t1")?.title;
  await waitFor(() => server.held.length === 1);
  server.held.shift()?.();
  const error = await renaming.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  const refused = {
    shown,
    after: todos.store.get("t1")?.title,
    error: error instanceof MutationError ? error.name : String(error),
    pending: todos.store.isPending("t1"),
  };

  todos.destroy();
  server.close();
  console.log(`RESULT ${JSON.stringify({ optimistic, confirmed, refused })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
