import { EventEmitter } from "node:events";
import { autorun } from "mobx";
import { afterEach, describe, expect, it, vi } from "vitest";
import { flush } from "../testing/deferred";
import { type Todo, todo, todoFixture } from "../testing/todoFixture";
import { createRealtimeExtension } from "./RealtimeExtension";
import type {
  ConnectionStatus,
  InvalidRealtimeEvent,
  RealtimeConfig,
  RealtimeTransport,
} from "./types";
import { createRealtime } from "./RealtimeExtension";

/** An in-memory transport: the test emits events and status changes itself. */
function memoryTransport() {
  const events = new EventEmitter();
  let connected = false;
  const transport: RealtimeTransport = {
    get isConnected() {
      return connected;
    },
    subscribe: (type, listener) => {
      events.on(`event:${type}`, listener);
      return () => events.off(`event:${type}`, listener);
    },
    onStatus: (listener) => {
      events.on("status", listener);
      return () => events.off("status", listener);
    },
  };
  return {
    transport,
    emit: (type: string, payload: unknown) => events.emit(`event:${type}`, payload),
    status: (status: ConnectionStatus) => {
      connected = status !== "disconnected";
      events.emit("status", status);
    },
    listeners: () => events.eventNames().reduce((sum, name) => sum + events.listenerCount(name), 0),
  };
}

function realtimeFixture(realtime: RealtimeConfig<Todo> = {}) {
  const invalid: InvalidRealtimeEvent[] = [];
  const fixture = todoFixture({
    versionField: "version",
    realtime: createRealtime({ onInvalidEvent: (problem) => invalid.push(problem), ...realtime }),
  });
  const memory = memoryTransport();
  fixture.manager.realtime?.connect(memory.transport);
  return { ...fixture, ...memory, invalid };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("RealtimeExtension", () => {
  it("merges INSERT, UPDATE and DELETE events of its type", async () => {
    const { manager, emit, loaded, visible } = realtimeFixture();
    await loaded([todo("a", "a", { version: 1 })]);

    emit("todos", { type: "todos", event: "INSERT", data: todo("b", "b", { version: 1 }) });
    emit("todos", { event: "UPDATE", data: todo("a", "A", { version: 2 }), version: 2 });
    emit("other", { event: "DELETE", id: "a" });
    await flush();
    expect(visible()).toEqual([todo("a", "A", { version: 2 }), todo("b", "b", { version: 1 })]);

    emit("todos", { event: "DELETE", id: "a", version: 3 });
    emit("todos", { event: "DELETE", data: { id: "b" } });
    await flush();
    expect(visible()).toEqual([]);
    expect(manager.realtime?.eventType).toBe("todos");
  });

  it("keeps pending changes on top, ignores repeats and older versions", async () => {
    const { manager, emit, loaded, visible } = realtimeFixture();
    await loaded([todo("a", "a", { version: 1 })]);
    void manager.actions.update({ id: "a", data: { done: true } }).catch(() => undefined);

    const event = {
      event: "UPDATE",
      data: todo("a", "remote", { version: 3 }),
      browserId: "other",
    };
    emit("todos", event);
    emit("todos", event);
    emit("todos", { event: "UPDATE", data: todo("a", "older", { version: 2 }) });
    await flush();

    expect(visible()).toEqual([todo("a", "remote", { version: 3, done: true })]);
  });

  it("applies a burst of events in one tick as one MobX batch, in order", async () => {
    const { manager, emit, loaded } = realtimeFixture();
    await loaded([]);
    const counts: number[] = [];
    const dispose = autorun(() => counts.push(manager.store.count));

    for (let index = 0; index < 1000; index++) {
      emit("todos", { event: "INSERT", data: todo(`n${index}`, "x", { version: 1 }) });
    }
    emit("todos", { event: "DELETE", id: "n0", version: 2 });
    await flush();

    expect(counts).toEqual([0, 999]);
    expect(manager.store.list[0]?.id).toBe("n1");
    dispose();
  });

  it("tracks the connection and resyncs whenever it comes up after the list was loaded", async () => {
    const { manager, status, list, loaded, answerList } = realtimeFixture();
    await loaded([todo("a")]);
    const seen: boolean[] = [];
    const dispose = autorun(() => seen.push(manager.realtime?.isConnected ?? false));

    // The first connection came after the list: what changed in between was never sent here.
    status("connected");
    status("connected");
    await flush();
    expect(list.calls).toHaveLength(2);
    await answerList([todo("a")]);
    status("disconnected");
    await flush();
    expect(list.calls).toHaveLength(2);
    status("reconnected");
    await flush();

    expect(seen).toEqual([false, true, false, true]);
    expect(list.calls).toHaveLength(3);
    dispose();
  });

  it("resyncs when connect() is called again on a live transport", async () => {
    const { manager, transport, status, list, loaded, answerList } = realtimeFixture();
    await loaded([todo("a")]);
    status("connected");
    await flush();
    await answerList([todo("a")]);
    manager.realtime?.disconnect();
    expect(manager.realtime?.isConnected).toBe(false);

    manager.realtime?.connect(transport);
    await flush();

    expect(manager.realtime?.isConnected).toBe(true);
    expect(list.calls).toHaveLength(3);
  });

  it("fetches nothing on connecting when there is no list yet", async () => {
    const fixture = todoFixture({ autoStart: false, realtime: createRealtime() });
    const memory = memoryTransport();
    fixture.manager.realtime?.connect(memory.transport);

    memory.status("connected");
    memory.status("reconnected");
    await flush();

    expect(fixture.list.calls).toHaveLength(0);
  });

  it("fetches nothing on reconnecting while disabled (signed out), and catches up on enable", async () => {
    const { manager, status, list, loaded, answerList, visible } = realtimeFixture();
    await loaded([todo("a")]);
    status("connected");
    await flush();
    await answerList([todo("a")]);
    manager.disable();

    status("disconnected");
    status("reconnected");
    await flush();
    expect(list.calls).toHaveLength(2);

    manager.enable();
    await flush();
    expect(list.calls).toHaveLength(3);
    await answerList([todo("a"), todo("b")]);
    expect(visible().map(({ id }) => id)).toEqual(["a", "b"]);
  });

  it("catches up on enable after a reconnection while disabled, even with fresh rows (staleTime)", async () => {
    const fixture = todoFixture({ staleTime: 60_000, realtime: createRealtime() });
    const memory = memoryTransport();
    fixture.manager.realtime?.connect(memory.transport);
    await fixture.loaded([todo("a")]);
    fixture.manager.disable();

    memory.status("connected");
    memory.status("disconnected");
    memory.status("reconnected");
    await flush();
    expect(fixture.list.calls).toHaveLength(1);

    fixture.manager.enable();
    await flush();
    expect(fixture.list.calls).toHaveLength(2);
    await fixture.answerList([todo("a"), todo("b")]);
    expect(fixture.visible().map(({ id }) => id)).toEqual(["a", "b"]);
  });

  it("does not resync when told not to", async () => {
    const { status, list, loaded } = realtimeFixture({ resyncOnReconnect: false });
    await loaded([]);

    status("reconnected");
    await flush();

    expect(list.calls).toHaveLength(1);
  });

  it("applies the echo of a change whose request failed after the server committed it", async () => {
    const { manager, update, create, loaded, emit, visible } = realtimeFixture();
    await loaded([todo("a", "a", { version: 1 })]);

    const updating = manager.actions.update({ id: "a", data: { title: "mine" } });
    const creating = manager.actions.create({ id: "tmp", title: "new" });
    await flush();
    const [updateContext, createContext] = [update.calls[0]!.args[1], create.calls[0]!.args[1]];
    update.calls[0]!.reject(new Error("502 Bad Gateway"));
    create.calls[0]!.reject(new Error("504 Gateway Timeout"));
    await expect(updating).rejects.toThrow();
    await expect(creating).rejects.toThrow();
    expect(visible()).toEqual([todo("a", "a", { version: 1 })]);

    emit("todos", {
      event: "UPDATE",
      data: todo("a", "mine", { version: 2 }),
      version: 2,
      ...updateContext,
    });
    emit("todos", {
      event: "INSERT",
      data: todo("s1", "new", { version: 1 }),
      version: 1,
      ...createContext,
    });
    await flush();

    expect(visible()).toEqual([
      todo("a", "mine", { version: 2 }),
      todo("s1", "new", { version: 1 }),
    ]);
  });

  it.each([
    ["a server id", "s1"],
    ["the client's id", "tmp"],
  ])(
    "sends the changes waiting on a create whose echo came before its answer was lost (%s)",
    async (_, serverId) => {
      const { manager, create, update, remove, loaded, emit, visible } = realtimeFixture();
      await loaded([]);

      const creating = manager.actions.create({ id: "tmp", title: "new" });
      const updating = manager.actions.update({ id: "tmp", data: { done: true } });
      await flush();
      emit("todos", {
        event: "INSERT",
        data: todo(serverId, "new", { version: 1 }),
        version: 1,
        ...create.calls[0]!.args[1],
      });
      create.calls[0]!.reject(new Error("504 Gateway Timeout"));
      await expect(creating).rejects.toThrow(/504/);
      await flush();

      expect(update.calls[0]?.args[0]).toEqual({ id: serverId, data: { done: true } });
      expect(visible()).toEqual([todo(serverId, "new", { version: 1, done: true })]);
      update.calls[0]!.resolve(todo(serverId, "new", { version: 2, done: true }));
      await expect(updating).resolves.toEqual(todo(serverId, "new", { version: 2, done: true }));

      // A create that failed before its echo still fails what waits on it.
      const again = manager.actions.create({ id: "tmp2", title: "other" });
      const removing = manager.actions.remove("tmp2");
      await flush();
      create.calls[1]!.reject(new Error("504 Gateway Timeout"));
      await expect(again).rejects.toThrow(/504/);
      await expect(removing).rejects.toThrow(/create of "tmp2" this change depends on failed/);
      expect(remove.calls).toHaveLength(0);
      expect(visible()).toEqual([todo(serverId, "new", { version: 2, done: true })]);
    },
  );

  it("uses dataExtractor, shouldProcessEvent and custom handlers", async () => {
    const handler = vi.fn();
    const { emit, loaded, visible, invalid } = realtimeFixture({
      dataExtractor: (event) => (event as unknown as { checkbox: unknown }).checkbox,
      shouldProcessEvent: (event) => event.browserId !== "muted",
      customHandlers: { RESET: handler },
    });
    await loaded([]);

    emit("todos", { event: "INSERT", checkbox: todo("a", "a", { version: 1 }) });
    emit("todos", { event: "INSERT", checkbox: todo("b"), browserId: "muted" });
    emit("todos", { event: "RESET" });
    await flush();

    expect(visible()).toEqual([todo("a", "a", { version: 1 })]);
    expect(handler).toHaveBeenCalledWith(expect.anything(), { event: "RESET" });
    expect(invalid).toEqual([]);
  });

  it.each(["toString", "constructor", "valueOf", "hasOwnProperty"])(
    "reports an event named %j as unknown when custom handlers are given",
    async (name) => {
      const handler = vi.fn();
      const { emit, loaded, invalid } = realtimeFixture({ customHandlers: { RESET: handler } });
      await loaded([]);

      emit("todos", { event: name, data: todo("a") });
      await flush();

      expect(invalid.map((problem) => problem.reason)).toEqual([`"${name}" is not a known event`]);
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it("survives callbacks that throw", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { emit, loaded, visible } = realtimeFixture({
      shouldProcessEvent: () => {
        throw new Error("filter bug");
      },
    });
    await loaded([todo("a")]);

    emit("todos", { event: "INSERT", data: todo("b") });
    await flush();

    expect(visible()).toEqual([todo("a")]);
    expect(error).toHaveBeenCalledWith(
      "[aos] The realtime callback threw; the store is unaffected.",
      new Error("filter bug"),
    );
  });

  it("drops only the event a throwing dataExtractor was given", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { emit, loaded, visible } = realtimeFixture({
      dataExtractor: (event) => {
        if (event.id === "bad") throw new Error("extractor bug");
        return event.data;
      },
    });
    await loaded([]);

    emit("todos", { event: "INSERT", id: "bad", data: todo("a") });
    emit("todos", { event: "INSERT", data: todo("b") });
    await flush();

    expect(visible()).toEqual([todo("b")]);
    expect(error).toHaveBeenCalledWith(
      "[aos] The realtime callback threw; the store is unaffected.",
      new Error("extractor bug"),
    );
  });

  it("applies the rest of a burst when a hand-wired target throws for one event", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { manager, loaded } = todoFixture();
    await loaded([]);
    const applied = vi.fn();
    const realtime = createRealtimeExtension(
      {},
      {
        name: "todos",
        store: manager.store,
        applyServerRow: applied,
        removeServerRow: (id) => {
          throw new Error(`no row ${id}`);
        },
        resync: () => Promise.resolve(),
      },
    );

    realtime.receive({ event: "DELETE", id: "x" });
    realtime.receive({ event: "INSERT", data: { id: "y" } });
    await flush();

    expect(applied).toHaveBeenCalledWith({ id: "y" }, expect.anything());
    expect(error).toHaveBeenCalledWith(
      "[aos] The realtime callback threw; the store is unaffected.",
      new Error("no row x"),
    );
  });

  it("accepts a socket.io-like socket and removes its listeners on disconnect and destroy", async () => {
    const { manager, loaded, visible } = todoFixture({ realtime: createRealtime() });
    await loaded([]);
    const socket = Object.assign(new EventEmitter(), { connected: true });

    manager.realtime?.connect(socket);
    expect(manager.realtime?.isConnected).toBe(true);
    socket.emit("todos", { event: "INSERT", data: todo("a") });
    await flush();
    expect(visible()).toEqual([todo("a")]);
    expect(socket.listenerCount("todos")).toBe(1);

    socket.emit("disconnect");
    expect(manager.realtime?.isConnected).toBe(false);
    socket.emit("connect");
    expect(manager.realtime?.isConnected).toBe(true);

    manager.destroy();
    expect(socket.eventNames()).toEqual([]);
    expect(manager.realtime?.isConnected).toBe(false);
  });

  it("stays disconnected when connect() is called after the manager's destroy()", async () => {
    const { manager, transport, emit, status, listeners, list, loaded, visible } =
      realtimeFixture();
    await loaded([todo("a")]);
    status("connected");
    await flush();
    const fetches = list.calls.length;
    manager.destroy();

    manager.realtime?.connect(transport);
    emit("todos", { event: "INSERT", data: todo("b") });
    status("reconnected");
    await flush();

    expect(listeners()).toBe(0);
    expect(manager.realtime?.isConnected).toBe(false);
    expect(visible()).toEqual([todo("a")]);
    expect(list.calls).toHaveLength(fetches);
  });

  it("drops events queued before a disconnect", async () => {
    const { manager, emit, loaded, visible } = realtimeFixture();
    await loaded([]);

    emit("todos", { event: "INSERT", data: todo("a") });
    manager.realtime?.disconnect();
    await flush();

    expect(visible()).toEqual([]);
  });

  it.each(["disconnect", "destroy"] as const)(
    "applies no more of a burst once a handler calls %s() while it is applied",
    async (teardown) => {
      const stop = vi.fn();
      const { manager, emit, loaded, visible } = realtimeFixture({
        customHandlers: {
          STOP: () => {
            stop();
            if (teardown === "destroy") manager.destroy();
            else manager.realtime?.disconnect();
          },
        },
      });
      await loaded([]);

      emit("todos", { event: "INSERT", data: todo("a") });
      emit("todos", { event: "STOP" });
      emit("todos", { event: "STOP" });
      emit("todos", { event: "INSERT", data: todo("b") });
      await flush();

      expect(stop).toHaveBeenCalledTimes(1);
      expect(visible()).toEqual([todo("a")]);
    },
  );

  it("hears nothing more from a transport it left while that transport was still dispatching", async () => {
    // The app's listeners come first on the old transport: on its way down it moves the store
    // to a live one. The old transport still calls the listeners it had when it started.
    const { manager, loaded, visible } = todoFixture({ realtime: createRealtime() });
    await loaded([]);
    const old = memoryTransport();
    const live = memoryTransport();
    live.status("connected");
    old.transport.onStatus((status) => {
      if (status === "disconnected") manager.realtime?.connect(live.transport);
    });
    old.transport.subscribe("todos", () => manager.realtime?.connect(live.transport));
    manager.realtime?.connect(old.transport);
    old.status("connected");

    old.status("disconnected");
    expect(manager.realtime?.isConnected).toBe(true);

    manager.realtime?.connect(old.transport);
    old.emit("todos", { event: "INSERT", data: todo("stale") });
    await flush();
    expect(visible()).toEqual([]);
  });

  it("warns about dropped events outside production when nobody listens", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const fixture = todoFixture({ realtime: createRealtime() });
    const memory = memoryTransport();
    fixture.manager.realtime?.connect(memory.transport);

    memory.emit("todos", "garbage");
    await flush();
    expect(warn).toHaveBeenCalledWith(
      '[aos] Dropped a realtime event for "todos": it is not an object.',
      "garbage",
    );

    vi.stubEnv("NODE_ENV", "production");
    memory.emit("todos", "garbage");
    await flush();
    expect(warn).toHaveBeenCalledTimes(1);
    vi.unstubAllEnvs();
  });

  it("can be created by hand for a store", async () => {
    const { manager, loaded } = todoFixture();
    await loaded([]);
    const applied = vi.fn();
    const realtime = createRealtimeExtension(
      { eventType: "tasks" },
      {
        name: "todos",
        store: manager.store,
        applyServerRow: applied,
        removeServerRow: vi.fn(),
        resync: () => Promise.resolve(),
      },
    );

    realtime.receive({ event: "INSERT", data: { id: "1" } });
    await flush();

    expect(realtime.eventType).toBe("tasks");
    expect(applied).toHaveBeenCalledWith({ id: "1" }, expect.anything());
  });
});
