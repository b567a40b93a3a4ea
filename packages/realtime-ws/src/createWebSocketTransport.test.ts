import { createOptimisticStoreManager } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";
import { createQueryClient } from "@aos/query-client";
import {
  malformedEvents,
  startWsServer,
  type TestRow,
  type WsTestServer,
} from "@aos/realtime-testkit";
import {
  runTransportScenarios,
  sleep,
  transportTestKit,
  waitFor,
} from "@aos/transport-conformance";
import { once } from "node:events";
import { createServer, type AddressInfo, type Socket as NetSocket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { describe, expect, it, vi } from "vitest";
import {
  createWebSocketTransport,
  type InvalidFrame,
  type WebSocketTransport,
  type WebSocketTransportOptions,
  WebSocketClosedError,
} from "./createWebSocketTransport";

const FAST_RECONNECT = { initialDelay: 20, maxDelay: 100 };
const framesOf = new WeakMap<WebSocketTransport, InvalidFrame[]>();

function transportTo(server: WsTestServer, options: Partial<WebSocketTransportOptions> = {}) {
  const invalidFrames: InvalidFrame[] = [];
  const transport = createWebSocketTransport({
    url: server.url,
    WebSocket,
    reconnect: FAST_RECONNECT,
    onInvalidFrame: (problem) => invalidFrames.push(problem),
    ...options,
  });
  framesOf.set(transport, invalidFrames);
  return transport;
}

const kit = transportTestKit({
  name: "WebSocket",
  startServer: () => startWsServer(),
  createTransport: (server) => transportTo(server),
  afterRestart: (transport) => {
    expect(transport.attempts).toBeGreaterThan(1);
  },
});
const { startServer, connectClient, track } = kit;

runTransportScenarios(kit);

describe("createWebSocketTransport against a real ws server", () => {
  it("drops and reports malformed events and frames, keeping the store and pending changes", async () => {
    const { server, backend } = await startServer();
    await backend.create({ id: "a", title: "a" });
    const client = await connectClient(server, backend, "browser-a");
    await client.manager.actions.update({ id: "a", data: { title: "mine" } });
    const corpus = malformedEvents.filter(({ name }) => name !== "another type");
    const rawFrames = [
      "not json",
      "{truncated",
      "[1,2,3]",
      '"just a string"',
      "null",
      '{"event":"INSERT","data":{"id":"q"}}',
      '{"type":7,"event":"INSERT"}',
      "x".repeat(1_000_001),
    ];

    for (const { payload } of corpus) {
      const framed =
        typeof payload === "object" && payload !== null && !Array.isArray(payload)
          ? { type: "todos", ...payload }
          : payload;
      server.sendRaw(JSON.stringify(framed));
    }
    for (const frame of rawFrames) server.sendRaw(frame);
    server.sendRaw(Buffer.from([1, 2, 3]));
    server.broadcast({ type: "posts", event: "INSERT", data: { id: "other store" } });
    server.broadcast({
      type: "todos",
      event: "INSERT",
      data: { id: "z", title: "z", done: false, version: 1 },
    });

    await waitFor(() => {
      expect(client.manager.store.has("z")).toBe(true);
    });
    const reported = client.invalid.length + framesOf.get(client.transport)!.length;
    expect(reported).toBe(corpus.length + rawFrames.length + 1);
    expect(framesOf.get(client.transport)!.map((frame) => frame.reason)).toContain(
      "it is a binary frame",
    );
    expect(client.rows().map((row) => row.title)).toEqual(["mine", "z"]);
  });

  it("stops on an auth close code instead of reconnecting, and surfaces the error", async () => {
    const { server } = await startServer(() =>
      startWsServer({ authorize: (token) => token === "good" }),
    );
    const url = vi.fn(() => `${server.url}/?token=bad`);
    const transport = track(transportTo(server, { url }));

    await waitFor(() => {
      expect(transport.error).toBeInstanceOf(WebSocketClosedError);
    });
    await sleep(300);

    expect((transport.error as WebSocketClosedError).code).toBe(4401);
    expect(transport.error?.message).toBe(
      "[aos] The server closed the WebSocket with 4401 (unauthorized); not reconnecting.",
    );
    expect(server.stats.attempts).toBe(1);
    expect(transport.attempts).toBe(1);
    expect(transport.isConnected).toBe(false);
  });

  it("holds the stop code's error by the time it reports the connection lost", async () => {
    // A server that accepts the upgrade, then closes with 4401: the connection was up.
    const { server } = await startServer(() =>
      startWsServer({ authorize: (token) => token === "good" }),
    );
    const transport = track(transportTo(server, { url: `${server.url}/?token=bad` }));
    const heard: { status: string; error: Error | undefined }[] = [];
    transport.onStatus((status) => heard.push({ status, error: transport.error }));

    await waitFor(() => {
      expect(transport.error).toBeInstanceOf(WebSocketClosedError);
    });

    const lost = heard.filter(({ status }) => status === "disconnected");
    expect(lost.length).toBeGreaterThan(0);
    for (const { error } of lost) expect(error).toBeInstanceOf(WebSocketClosedError);
  });

  it("asks for the url again on every reconnection, so tokens can refresh", async () => {
    const { server } = await startServer(() =>
      startWsServer({ authorize: (token) => token === "t2" }),
    );
    let token = "t1";
    const url = vi.fn(() => `${server.url}/?token=${token}`);
    const transport = track(transportTo(server, { url, stopCodes: [] }));
    await waitFor(() => {
      expect(url.mock.calls.length).toBeGreaterThanOrEqual(2);
    });

    token = "t2";

    await waitFor(() => {
      expect(transport.isConnected).toBe(true);
    });
  });

  it("retries when the url function or the constructor fails, and never with reconnect: false", async () => {
    const { server } = await startServer();
    let calls = 0;
    const url = () => {
      calls++;
      if (calls === 1) throw new Error("token refresh failed");
      return calls === 2 ? "not a url" : server.url;
    };
    const transport = track(transportTo(server, { url }));

    await waitFor(() => {
      expect(transport.isConnected).toBe(true);
    });
    expect(calls).toBe(3);

    const once = track(transportTo(server, { reconnect: false }));
    await waitFor(() => {
      expect(once.isConnected).toBe(true);
    });
    await server.close();
    await server.restart();
    await sleep(200);
    expect(once.isConnected).toBe(false);
    expect(once.attempts).toBe(1);
  });

  it("replaces a connection whose heartbeat goes unanswered", async () => {
    const { server } = await startServer(() => startWsServer({ answerPings: false }));
    const statuses: string[] = [];
    const transport = track(transportTo(server, { heartbeat: { interval: 30, timeout: 30 } }));
    transport.onStatus((status) => statuses.push(status));

    await waitFor(() => {
      expect(statuses).toContain("reconnected");
    });
    expect(statuses.slice(0, 3)).toEqual(["connected", "disconnected", "reconnected"]);
    expect(server.stats.pings).toBeGreaterThanOrEqual(1);
  });

  it("keeps a connection whose heartbeat is answered", async () => {
    const { server } = await startServer();
    const statuses: string[] = [];
    // The timeout is also the connect timeout: 40 ms gave up on a first connection that a
    // loaded CI machine had not opened in time. Fifteen pings span twice the timeout, so an
    // unanswered heartbeat would still have replaced the connection.
    const transport = track(transportTo(server, { heartbeat: { interval: 20, timeout: 150 } }));
    transport.onStatus((status) => statuses.push(status));

    await waitFor(() => {
      expect(server.stats.pings).toBeGreaterThanOrEqual(15);
    });

    expect(statuses).toEqual(["connected"]);
    expect(transport.attempts).toBe(1);
  });

  it("leaves zero connections on the server and zero listeners on the client after destroy()", async () => {
    const { server, backend } = await startServer();
    const a = await connectClient(server, backend, "browser-a");
    expect(server.connections()).toBe(1);
    expect(a.transport.listenerCount).toBe(2);

    a.manager.destroy();
    expect(a.transport.listenerCount).toBe(0);
    a.transport.destroy();

    await waitFor(() => {
      expect(server.connections()).toBe(0);
    });
    await sleep(100);
    expect(server.stats.attempts).toBe(1);
  });

  it("keeps throwing listeners away from the socket, and needs a WebSocket", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server } = await startServer();
    const transport = track(createWebSocketTransport({ url: server.url, WebSocket }));
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

    server.sendRaw("oops");
    server.broadcast({ type: "todos", event: "DELETE", id: "1" });

    await waitFor(() => {
      expect(received).toHaveLength(1);
    });
    expect(error).toHaveBeenCalledWith(
      '[aos] A "todos" listener threw.',
      new Error("listener bug"),
    );
    expect(error).toHaveBeenCalledWith(
      "[aos] A realtime status listener threw.",
      new Error("status bug"),
    );
    expect(warn).toHaveBeenCalledWith("[aos] Dropped a WebSocket frame: it is not JSON.", "oops");
    expect(() => createWebSocketTransport({ url: server.url })).toThrow(/No WebSocket here/);
  });

  it("drops bad frames silently in production unless told to report them", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server } = await startServer();
    const silent = track(createWebSocketTransport({ url: server.url, WebSocket }));
    const invalid: unknown[] = [];
    const reporting = track(
      createWebSocketTransport({
        url: server.url,
        WebSocket,
        onInvalidFrame: (problem) => invalid.push(problem.frame),
      }),
    );
    const received: unknown[] = [];
    silent.subscribe("todos", (payload) => received.push(payload));
    await waitFor(() => {
      expect(silent.isConnected && reporting.isConnected).toBe(true);
    });

    server.sendRaw("oops");
    server.broadcast({ type: "todos", event: "DELETE", id: "1" });

    await waitFor(() => {
      expect(received).toHaveLength(1);
      expect(invalid).toEqual(["oops"]);
    });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("createWebSocketTransport when connections go wrong", () => {
  it("survives destroy() while the socket is still connecting", async () => {
    const { server } = await startServer();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const transport = transportTo(server);
      await sleep(0);
      transport.destroy();
      await sleep(100);
    } finally {
      process.off("uncaughtException", onUncaught);
    }

    expect(uncaught).toEqual([]);
  });

  it("ignores an unsubscribe called twice, keeping later subscriptions to the same type", async () => {
    const { server } = await startServer();
    const transport = track(transportTo(server));
    const received: unknown[] = [];
    const unsubscribeA = transport.subscribe("todos", () => undefined);
    unsubscribeA();
    transport.subscribe("todos", (payload) => received.push(payload));
    unsubscribeA();

    expect(transport.listenerCount).toBe(1);
    await waitFor(() => {
      expect(transport.isConnected).toBe(true);
    });
    server.broadcast({ type: "todos", event: "DELETE", id: "1" });
    await waitFor(() => {
      expect(received).toEqual([{ type: "todos", event: "DELETE", id: "1" }]);
    });
  });

  it("calls no further listener of a frame once one of them destroyed the transport", async () => {
    const { server } = await startServer();
    const transport = track(transportTo(server));
    // The app's own listener comes first: it gives up on the connection at the first event.
    const destroyedBy: unknown[] = [];
    transport.subscribe("todos", (payload) => {
      destroyedBy.push(payload);
      transport.destroy();
    });
    const received: unknown[] = [];
    transport.subscribe("todos", (payload) => received.push(payload));
    await waitFor(() => {
      expect(transport.isConnected).toBe(true);
    });

    server.broadcast({ type: "todos", event: "DELETE", id: "1" });
    await waitFor(() => {
      expect(destroyedBy).toHaveLength(1);
    });

    expect(received).toEqual([]);
    expect(transport.listenerCount).toBe(0);
  });

  it("tells no listener it is connected once a status listener destroyed it", async () => {
    const { server, backend } = await startServer();
    const transport = track(transportTo(server));
    // The app's own listener comes first: it gives up on the connection as soon as it is up.
    transport.onStatus((status) => {
      if (status === "connected") transport.destroy();
    });
    const manager = track(
      createOptimisticStoreManager<TestRow>(
        { name: "todos", queryFn: backend.list, mutations: {}, realtime: createRealtime() },
        createQueryClient(),
      ),
    );
    manager.realtime?.connect(transport);
    const heard: string[] = [];
    transport.onStatus((status) => heard.push(status));

    await waitFor(() => {
      expect(transport.attempts).toBe(1);
      expect(server.stats.attempts).toBe(1);
    });
    await sleep(100);

    expect(transport.isConnected).toBe(false);
    expect(manager.realtime?.isConnected).toBe(false);
    expect(heard).not.toContain("connected");
  });

  it("backs off from a server that accepts and at once closes every connection", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await once(wss, "listening");
    let connections = 0;
    wss.on("connection", (socket) => {
      connections++;
      socket.close(1011);
    });
    track({
      destroy: () => {
        wss.close();
      },
    });
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    track(
      createWebSocketTransport({
        url,
        WebSocket,
        reconnect: { initialDelay: 50, maxDelay: 10_000, jitter: 0 },
      }),
    );

    await sleep(1500);

    expect(connections).toBeGreaterThan(1);
    expect(connections).toBeLessThanOrEqual(6);
  });

  it("gives up on a connection whose upgrade is never answered, and retries", async () => {
    const sockets = new Set<NetSocket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
    });
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    track({
      destroy: () => {
        for (const socket of sockets) socket.destroy();
        silent.close();
      },
    });
    const url = `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const transport = track(
      createWebSocketTransport({
        url,
        WebSocket,
        reconnect: FAST_RECONNECT,
        heartbeat: { interval: 200, timeout: 200 },
      }),
    );

    await sleep(2000);

    expect(sockets.size).toBeGreaterThan(1);
    expect(transport.attempts).toBe(sockets.size);
    expect(transport.isConnected).toBe(false);
  });
});
