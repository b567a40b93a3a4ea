import { createOptimisticStoreManager, type InvalidRealtimeEvent } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import {
  createTodoBackend,
  malformedEvents,
  type SocketIoTestServer,
  startSocketIoServer,
  type TestRow,
} from "@aos/realtime-testkit";
import { autorun } from "mobx";
import { io } from "socket.io-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSocketIoTransport, type SocketIoTransport } from "./createSocketIoTransport";

const FAST_RECONNECT = {
  reconnectionDelay: 20,
  reconnectionDelayMax: 100,
  transports: ["websocket"],
};
// Generous: these tests share two cores with the rest of CI.
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(options?: Parameters<typeof startSocketIoServer>[0]) {
  const server = await startSocketIoServer(options);
  cleanups.push(() => server.close());
  const backend = createTodoBackend((envelope) => {
    server.broadcast(envelope);
  });
  return { server, backend };
}

async function connectClient(
  server: SocketIoTestServer,
  backend: ReturnType<typeof createTodoBackend>,
  browserId: string,
) {
  const invalid: InvalidRealtimeEvent[] = [];
  const manager = createOptimisticStoreManager<TestRow>(
    {
      name: "todos",
      queryFn: backend.list,
      mutations: { create: backend.create, update: backend.update, remove: backend.remove },
      versionField: "version",
      realtime: { browserId, onInvalidEvent: (problem) => invalid.push(problem) },
    },
    createQueryClient(),
  );
  const transport = createSocketIoTransport({ url: server.url, socketOptions: FAST_RECONNECT });
  manager.realtime?.connect(transport);
  cleanups.push(() => {
    manager.destroy();
    transport.destroy();
  });
  await waitFor(() => {
    expect(manager.realtime?.isConnected).toBe(true);
    expect(manager.status.isLoading).toBe(false);
  });
  const rows = () => manager.store.list.map((row) => ({ ...row }));
  return { manager, transport, invalid, rows };
}

describe("createSocketIoTransport against a real socket.io server", () => {
  it("applies A's change once at A, with no flicker, and shows it at B", async () => {
    const { server, backend } = await startServer();
    const a = await connectClient(server, backend, "browser-a");
    const b = await connectClient(server, backend, "browser-b");
    const seenAtA: string[][] = [];
    const stop = autorun(() => seenAtA.push(a.manager.store.list.map((row) => row.id)));

    await a.manager.actions.create({ id: "t1", title: "Buy milk", done: false, version: 0 });
    await a.manager.actions.update({ id: "t1", data: { done: true } });
    await waitFor(() => {
      expect(b.rows()).toEqual([{ id: "t1", title: "Buy milk", done: true, version: 2 }]);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(a.rows()).toEqual([{ id: "t1", title: "Buy milk", done: true, version: 2 }]);
    expect(seenAtA).toEqual([[], ["t1"]]);
    stop();
  });

  it("reconnects after a server restart, resyncs and converges to the server's rows", async () => {
    const { server, backend } = await startServer();
    const a = await connectClient(server, backend, "browser-a");
    const b = await connectClient(server, backend, "browser-b");
    await a.manager.actions.create({ id: "t1", title: "one", done: false, version: 0 });
    await waitFor(() => {
      expect(b.rows()).toHaveLength(1);
    });

    await server.close();
    await waitFor(() => {
      expect(a.manager.realtime?.isConnected).toBe(false);
      expect(b.manager.realtime?.isConnected).toBe(false);
    });
    // Changes made while the clients are away: their events reach nobody.
    await backend.update({ id: "t1", data: { title: "renamed while away" } });
    await backend.create({ id: "t2", title: "created while away" });
    await server.restart();

    for (const client of [a, b]) {
      await waitFor(() => {
        expect(client.manager.realtime?.isConnected).toBe(true);
        expect(client.rows()).toEqual(backend.rows());
      });
    }
  });

  it("delivers a burst of 10,000 events intact and in order", async () => {
    const { server, backend } = await startServer();
    const a = await connectClient(server, backend, "browser-a");

    for (let index = 0; index < 10_000; index++) {
      server.broadcast({
        type: "todos",
        event: "INSERT",
        data: { id: `n${index}`, title: `t${index}`, done: false, version: 1 },
      });
    }

    await waitFor(() => {
      expect(a.manager.store.count).toBe(10_000);
    });
    expect(a.manager.store.list.map((row) => row.id)).toEqual(
      Array.from({ length: 10_000 }, (_, index) => `n${index}`),
    );
    expect(a.invalid).toEqual([]);
  });

  it("drops and reports every malformed event, keeping the store and pending changes", async () => {
    const { server, backend } = await startServer();
    await backend.create({ id: "a", title: "a" });
    const a = await connectClient(server, backend, "browser-a");
    let answer: (row: TestRow) => void = () => undefined;
    const pendingUpdate = new Promise<TestRow>((resolve) => (answer = resolve));
    const stalled = createOptimisticStoreManager<TestRow>(
      {
        name: "todos",
        queryFn: backend.list,
        mutations: { update: () => pendingUpdate },
        versionField: "version",
        realtime: { onInvalidEvent: (problem) => a.invalid.push(problem) },
      },
      createQueryClient(),
    );
    stalled.realtime?.connect(a.transport);
    cleanups.push(() => {
      stalled.destroy();
    });
    await waitFor(() => {
      expect(stalled.store.count).toBe(1);
    });
    const updating = stalled.actions.update({ id: "a", data: { done: true } });

    for (const { payload } of malformedEvents) server.emitRaw("todos", payload);
    server.broadcast({
      type: "todos",
      event: "INSERT",
      data: { id: "z", title: "z", done: false, version: 1 },
    });

    await waitFor(() => {
      expect(stalled.store.has("z")).toBe(true);
    });
    expect(a.invalid).toHaveLength(malformedEvents.length * 2);
    expect(stalled.store.get("a")).toMatchObject({ title: "a", done: true });
    expect(stalled.store.pendingMutations).toHaveLength(1);
    expect(a.rows().map((row) => row.id)).toEqual(["a", "z"]);
    answer({ id: "a", title: "a", done: true, version: 2 });
    await updating;
  });

  it("calls the auth function on every connection, and a refused handshake does not retry", async () => {
    const { server } = await startServer({ authorize: (auth) => auth.token === "good" });
    let token = "good";
    const auth = vi.fn(() => ({ token }));
    const transport = createSocketIoTransport({
      url: server.url,
      auth,
      socketOptions: FAST_RECONNECT,
    });
    cleanups.push(() => {
      transport.destroy();
    });
    await waitFor(() => {
      expect(transport.isConnected).toBe(true);
    });

    token = "revoked";
    await server.close();
    await server.restart();
    await waitFor(() => {
      expect(auth.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(transport.error?.message).toBe("unauthorized");
    });
    expect(transport.isConnected).toBe(false);
    const handshakes = server.stats.handshakes;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.stats.handshakes).toBe(handshakes);
    expect(handshakes).toBeLessThanOrEqual(3);
  });

  it("keeps a throwing listener or auth function away from socket.io", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { server } = await startServer();
    const transport = createSocketIoTransport({
      url: server.url,
      auth: () => Promise.reject(new Error("token store down")),
      socketOptions: FAST_RECONNECT,
    });
    cleanups.push(() => {
      transport.destroy();
      error.mockRestore();
    });
    const received: unknown[] = [];
    transport.subscribe("todos", () => {
      throw new Error("listener bug");
    });
    transport.subscribe("todos", (payload) => received.push(payload));
    transport.onStatus(() => {
      throw new Error("status bug");
    });
    await waitFor(() => {
      expect(transport.isConnected).toBe(true);
    });

    server.emitRaw("todos", { event: "INSERT" });
    await waitFor(() => {
      expect(received).toEqual([{ event: "INSERT" }]);
    });
    expect(error).toHaveBeenCalledWith(
      "[aos] The socket.io auth function failed.",
      new Error("token store down"),
    );
    expect(error).toHaveBeenCalledWith(
      '[aos] A "todos" listener threw.',
      new Error("listener bug"),
    );
    expect(error).toHaveBeenCalledWith(
      "[aos] A realtime status listener threw.",
      new Error("status bug"),
    );
  });

  it("leaves zero connections on the server and zero listeners on the client after destroy()", async () => {
    const { server, backend } = await startServer();
    const a = await connectClient(server, backend, "browser-a");
    expect(server.connections()).toBe(1);
    expect(a.transport.listenerCount).toBe(2);

    a.manager.destroy();
    a.transport.destroy();

    await waitFor(() => {
      expect(server.connections()).toBe(0);
    });
    expect(a.transport.listenerCount).toBe(0);
    for (const event of ["todos", "connect", "disconnect", "connect_error"]) {
      expect(a.transport.socket.listeners(event)).toEqual([]);
    }
  });

  it("works over a socket the app created, which it leaves open on destroy()", async () => {
    const { server, backend } = await startServer();
    await backend.create({ id: "a", title: "a" });
    const socket = io(server.url, FAST_RECONNECT);
    cleanups.push(() => {
      socket.disconnect();
    });
    const transport: SocketIoTransport = createSocketIoTransport(socket);
    const manager = createOptimisticStoreManager<TestRow>(
      { name: "todos", queryFn: backend.list, mutations: {}, realtime: {} },
      createQueryClient(),
    );
    manager.realtime?.connect(transport);
    await waitFor(() => {
      expect(manager.store.count).toBe(1);
      expect(manager.realtime?.isConnected).toBe(true);
    });

    await backend.update({ id: "a", data: { title: "A" } });
    await waitFor(() => {
      expect(manager.store.get("a")?.title).toBe("A");
    });
    manager.destroy();
    transport.destroy();

    expect(socket.connected).toBe(true);
    expect(socket.listeners("todos")).toEqual([]);
  });
});
