import { createOptimisticStoreManager } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { malformedEvents, startSocketIoServer, type TestRow } from "@aos/realtime-testkit";
import { runTransportScenarios, transportTestKit, waitFor } from "@aos/transport-conformance";
import { io } from "socket.io-client";
import { describe, expect, it, vi } from "vitest";
import { createSocketIoTransport, type SocketIoTransport } from "./createSocketIoTransport";
import { createRealtime } from "@aos/core/realtime";

const FAST_RECONNECT = {
  reconnectionDelay: 20,
  reconnectionDelayMax: 100,
  transports: ["websocket"],
};

const kit = transportTestKit({
  name: "socket.io",
  startServer: () => startSocketIoServer(),
  createTransport: (server) =>
    createSocketIoTransport({ url: server.url, socketOptions: FAST_RECONNECT }),
});
const { startServer, connectClient, track } = kit;

runTransportScenarios(kit);

describe("createSocketIoTransport against a real socket.io server", () => {
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
        realtime: createRealtime({ onInvalidEvent: (problem) => a.invalid.push(problem) }),
      },
      createQueryClient(),
    );
    stalled.realtime?.connect(a.transport);
    track({
      destroy: () => {
        stalled.destroy();
      },
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
    const { server } = await startServer(() =>
      startSocketIoServer({ authorize: (auth) => auth.token === "good" }),
    );
    let token = "good";
    const auth = vi.fn(() => ({ token }));
    const transport = createSocketIoTransport({
      url: server.url,
      auth,
      socketOptions: FAST_RECONNECT,
    });
    track({
      destroy: () => {
        transport.destroy();
      },
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
    track({
      destroy: () => {
        transport.destroy();
        error.mockRestore();
      },
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
    track({
      destroy: () => {
        socket.disconnect();
      },
    });
    const transport: SocketIoTransport = createSocketIoTransport(socket);
    const manager = createOptimisticStoreManager<TestRow>(
      { name: "todos", queryFn: backend.list, mutations: {}, realtime: createRealtime() },
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

  it("calls no listener removed while listeners are being called", async () => {
    const { server, backend } = await startServer();
    const transport = track(
      createSocketIoTransport({ url: server.url, socketOptions: FAST_RECONNECT }),
    );
    // The app's own listeners come first: one gives up on the connection as soon as it is up,
    // one stops the next subscription on the first event.
    const received: unknown[] = [];
    let unsubscribeNext: () => void = () => undefined;
    transport.subscribe("posts", () => {
      unsubscribeNext();
    });
    unsubscribeNext = transport.subscribe("posts", (payload) => received.push(payload));
    const manager = track(
      createOptimisticStoreManager<TestRow>(
        { name: "todos", queryFn: backend.list, mutations: {}, realtime: createRealtime() },
        createQueryClient(),
      ),
    );
    let connections = 0;
    transport.onStatus((status) => {
      if (status !== "disconnected" && ++connections === 2) transport.destroy();
    });
    manager.realtime?.connect(transport);
    await waitFor(() => {
      expect(manager.realtime?.isConnected).toBe(true);
    });

    server.emitRaw("posts", { id: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);

    transport.socket.disconnect().connect();
    await waitFor(() => {
      expect(connections).toBe(2);
    });
    expect(transport.isConnected).toBe(false);
    expect(manager.realtime?.isConnected).toBe(false);
  });

  it("reports disconnected on destroy(), so a connected store no longer thinks it is connected", async () => {
    const { server, backend } = await startServer();
    const transport = track(
      createSocketIoTransport({ url: server.url, socketOptions: FAST_RECONNECT }),
    );
    const manager = track(
      createOptimisticStoreManager<TestRow>(
        { name: "todos", queryFn: backend.list, mutations: {}, realtime: createRealtime() },
        createQueryClient(),
      ),
    );
    manager.realtime?.connect(transport);
    await waitFor(() => {
      expect(manager.realtime?.isConnected).toBe(true);
    });

    transport.destroy();

    expect(transport.isConnected).toBe(false);
    expect(manager.realtime?.isConnected).toBe(false);
  });
});
