// The getting-started store, exactly as the page shows it, against the real reference server:
// its `api()` client, its schemas and its socket.io realtime. Only the addresses change: the
// page's `https://api.example.com` is pointed at the server on loopback. A sample that type-
// checks can still fail at run time (the page's client once could not delete against this very
// server), so this runs it.
import { isAosError, MutationError, ValidationError } from "@aos/core";
import { createQueryClient, setGlobalQueryClient } from "@aos/query-client";
import { type RunningServer, readConfig, startServer } from "@aos/server";
import type * as SocketIo from "@aos/realtime-socketio";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Page from "../snippets/getting-started/todos";

const PAGE_ORIGIN = "https://api.example.com";

const loopback = vi.hoisted(() => ({
  url: "",
  /** A request body the server is asked to fail, once. */
  failBody: undefined as string | undefined,
}));

// The page connects to its socket.io origin; the real transport connects to ours instead.
vi.mock("@aos/realtime-socketio", async (importOriginal) => {
  const actual = await importOriginal<typeof SocketIo>();
  return {
    ...actual,
    createSocketIoTransport: ({ auth, socketOptions }: SocketIo.SocketIoTransportOptions) =>
      actual.createSocketIoTransport({ url: loopback.url, auth, socketOptions }),
  };
});

let server: RunningServer;
let todos: (typeof Page)["todos"];
const realFetch = globalThis.fetch;

/** Another client of the same API: plain requests, no browser id, so their events are news. */
async function otherClient(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await realFetch(`${server.url}/api${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.status === 204 ? undefined : response.json();
}

const serverRows = () => otherClient("GET", "/todos") as Promise<{ id: string; title: string }[]>;

beforeAll(async () => {
  server = await startServer({ ...readConfig({}), port: 0, dataDir: "memory" });
  loopback.url = server.url;
  // The page's fetches reach the reference server, whose API lives under /api. `failBody`
  // asks the server to fail one request (its X-Fail header), as a failing network would.
  // Assigned, not stubbed: the shared test preset unstubs globals after every test.
  globalThis.fetch = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (loopback.failBody !== undefined && init.body === loopback.failBody) {
      loopback.failBody = undefined;
      headers.set("X-Fail", "1");
    }
    const address =
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = address.replace(PAGE_ORIGIN, `${server.url}/api`);
    return realFetch(url, { ...init, headers });
  };
  await otherClient("POST", "/todos", { title: "Already there" });
  // Node counts as a server to @aos/query-client, which warns about a shared global client;
  // this process is one browser page, so it has one client on purpose.
  setGlobalQueryClient(createQueryClient());
  ({ todos } = await import("../snippets/getting-started/todos"));
  await vi.waitFor(() => {
    expect(todos.status.isLoading).toBe(false);
    expect(todos.realtime?.isConnected).toBe(true);
  });
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  todos.destroy();
  await server.close();
});

const titles = () => todos.store.list.map((todo) => todo.title);

describe("the getting-started store against the reference server", () => {
  it("loads the list", () => {
    expect(titles()).toEqual(["Already there"]);
    expect(todos.status.error).toBeNull();
  });

  it("creates, updates and deletes: each visible at once and confirmed by the server", async () => {
    const created = todos.actions.create({ title: "  Buy milk " });
    // Before the server answers: the row is there, trimmed and defaulted by the page's schema.
    await vi.waitFor(() => {
      expect(titles()).toContain("Buy milk");
    });
    const row = await created;
    expect(row).toMatchObject({ title: "Buy milk", completed: false });
    expect(todos.store.get(row.id)).toMatchObject({ title: "Buy milk", completed: false });
    expect(await serverRows()).toContainEqual(expect.objectContaining({ id: row.id }));

    const updated = todos.actions.update({ id: row.id, data: { completed: true } });
    expect(todos.store.get(row.id)?.completed).toBe(true);
    await updated;
    expect(await serverRows()).toContainEqual(
      expect.objectContaining({ id: row.id, completed: true }),
    );

    const removed = todos.actions.remove(row.id);
    expect(todos.store.has(row.id)).toBe(false);
    await removed;
    expect((await serverRows()).map((todo) => todo.id)).not.toContain(row.id);
    expect(todos.status.pendingCount).toBe(0);
    expect(todos.status.error).toBeNull();
  });

  it("refuses input its schema rejects, sending nothing", async () => {
    const before = (await serverRows()).length;
    const refused = await todos.actions.create({ title: "   " }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields).toHaveProperty("title");
    expect(titles()).not.toContain("");
    expect((await serverRows()).length).toBe(before);
  });

  it("rolls back only the change the server refused", async () => {
    const [first] = todos.store.list;
    if (first === undefined) throw new Error("The list is empty.");
    loopback.failBody = JSON.stringify({ completed: true });
    const kept = todos.actions.update({ id: first.id, data: { title: "Kept" } });
    const refused = todos.actions.update({ id: first.id, data: { completed: true } });
    expect(todos.store.get(first.id)).toMatchObject({ title: "Kept", completed: true });

    const error = await refused.catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(MutationError);
    expect(isAosError(error) && error.message).toMatch(/: 500$/);
    await kept;
    expect(todos.store.get(first.id)).toMatchObject({ title: "Kept", completed: false });
    expect(await serverRows()).toContainEqual(
      expect.objectContaining({ id: first.id, title: "Kept", completed: false }),
    );
  });

  it("shows what another client changes, through realtime", async () => {
    const other = (await otherClient("POST", "/todos", { title: "From elsewhere" })) as {
      id: string;
    };
    await vi.waitFor(() => {
      expect(todos.store.get(other.id)?.title).toBe("From elsewhere");
    });

    await otherClient("PATCH", `/todos/${other.id}`, { completed: true });
    await vi.waitFor(() => {
      expect(todos.store.get(other.id)?.completed).toBe(true);
    });

    await otherClient("DELETE", `/todos/${other.id}`);
    await vi.waitFor(() => {
      expect(todos.store.has(other.id)).toBe(false);
    });
  });

  it("hears its own changes back without applying them twice", async () => {
    const row = await todos.actions.create({ title: "Echoed" });
    // Another client's change after ours: once it shows, our echo came before it.
    await otherClient("POST", "/todos", { title: "After the echo" });
    await vi.waitFor(() => {
      expect(titles()).toContain("After the echo");
    });
    expect(titles().filter((title) => title === "Echoed")).toEqual(["Echoed"]);
    expect(todos.store.get(row.id)?.title).toBe("Echoed");
    expect(todos.store.count).toBe((await serverRows()).length);
  });
});
