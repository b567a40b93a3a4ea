import {
  createOptimisticStoreManager,
  type InvalidRealtimeEvent,
  type RealtimeTransport,
} from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { autorun } from "mobx";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTodoBackend, type TestRow } from "@aos/realtime-testkit";
import { createRealtime } from "@aos/core/realtime";

/** What the scenarios need of a test server (both `startSocketIoServer` and `startWsServer`). */
export interface ScenarioServer {
  readonly url: string;
  broadcast(envelope: { type: string } & Record<string, unknown>): void;
  close(): Promise<void>;
  restart(): Promise<void>;
}

/** How a transport package plugs into the shared scenarios. */
export interface TransportHarness<
  TServer extends ScenarioServer,
  TTransport extends RealtimeTransport,
> {
  readonly name: string;
  readonly startServer: () => Promise<TServer>;
  readonly createTransport: (server: TServer) => TTransport & { destroy(): void };
  /** Extra checks after the restart scenario converged (e.g. a reconnection was attempted). */
  readonly afterRestart?: (transport: TTransport) => void;
}

/** Generous: these tests share two cores with the rest of CI. */
export const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Helpers bound to one transport: a server with an in-process todo backend broadcasting through
 * it, and clients (a real AOS store manager over the transport). Everything is torn down after
 * each test.
 */
export function transportTestKit<
  TServer extends ScenarioServer,
  TTransport extends RealtimeTransport,
>(harness: TransportHarness<TServer, TTransport>) {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    vi.restoreAllMocks();
  });

  const startServer = async (start: () => Promise<TServer> = harness.startServer) => {
    const server = await start();
    cleanups.push(() => server.close());
    const backend = createTodoBackend((envelope) => {
      server.broadcast(envelope);
    });
    return { server, backend };
  };

  const track = <T extends { destroy(): void }>(disposable: T): T => {
    cleanups.push(() => {
      disposable.destroy();
    });
    return disposable;
  };

  const connectClient = async (
    server: TServer,
    backend: ReturnType<typeof createTodoBackend>,
    browserId: string,
  ) => {
    const invalid: InvalidRealtimeEvent[] = [];
    const manager = createOptimisticStoreManager<TestRow>(
      {
        name: "todos",
        queryFn: backend.list,
        mutations: { create: backend.create, update: backend.update, remove: backend.remove },
        versionField: "version",
        browserId,
        realtime: createRealtime({ onInvalidEvent: (problem) => invalid.push(problem) }),
      },
      createQueryClient(),
    );
    const transport = track(harness.createTransport(server));
    manager.realtime?.connect(transport);
    track(manager);
    await waitFor(() => {
      expect(manager.realtime?.isConnected).toBe(true);
      expect(manager.status.isLoading).toBe(false);
    });
    const rows = () => manager.store.list.map((row) => ({ ...row }));
    return { manager, transport, invalid, rows };
  };

  return { harness, startServer, connectClient, track };
}

/** The scenarios every transport passes against its real server. */
export function runTransportScenarios<
  TServer extends ScenarioServer,
  TTransport extends RealtimeTransport,
>(kit: ReturnType<typeof transportTestKit<TServer, TTransport>>): void {
  const { harness, startServer, connectClient } = kit;

  describe(`${harness.name}: shared transport scenarios against a real server`, () => {
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
      await sleep(50);

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
      await sleep(150);
      await server.restart();

      for (const client of [a, b]) {
        await waitFor(() => {
          expect(client.manager.realtime?.isConnected).toBe(true);
          expect(client.rows()).toEqual(backend.rows());
        });
      }
      harness.afterRestart?.(a.transport);
    });

    it("catches up on what changed between the first list and the first connection", async () => {
      const { server, backend } = await startServer();
      await backend.create({ id: "t1", title: "one" });
      const manager = kit.track(
        createOptimisticStoreManager<TestRow>(
          {
            name: "todos",
            queryFn: backend.list,
            mutations: {},
            versionField: "version",
            realtime: createRealtime(),
          },
          createQueryClient(),
        ),
      );
      await waitFor(() => {
        expect(manager.store.count).toBe(1);
      });
      // Sent before this store listens: only a resync on connecting can bring it.
      await backend.update({ id: "t1", data: { title: "changed before connecting" } });
      await backend.create({ id: "t2", title: "created before connecting" });

      manager.realtime?.connect(kit.track(harness.createTransport(server)));

      await waitFor(() => {
        expect(manager.realtime?.isConnected).toBe(true);
        expect(manager.store.list.map((row) => ({ ...row }))).toEqual(backend.rows());
      });
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
  });
}
