import {
  createCountObserver,
  createObserver,
  createOptimisticStoreManager,
  type RealtimeTransport,
} from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { type Row, rowView } from "../data";
import type { Contender } from "./types";
import { macrotask, pendingSends } from "./types";
import { createRealtime } from "@aos/core/realtime";

/** `@aos/core` through its public API: a manager, a realtime transport, observers. */
export function createAosContender(): Contender {
  let server: () => readonly Row[] = () => [];
  const sends = pendingSends();
  let emit: (payload: unknown) => void = () => undefined;
  const transport: RealtimeTransport = {
    isConnected: true,
    subscribe: (_type, listener) => {
      emit = listener;
      return () => {
        emit = () => undefined;
      };
    },
    onStatus: () => () => undefined,
  };
  const manager = createOptimisticStoreManager<Row>(
    {
      name: "rows",
      queryFn: () => Promise.resolve([...server()]),
      mutations: {
        update: ({ id }) => sends.send(id),
      },
      realtime: createRealtime(),
    },
    createQueryClient(),
  );
  manager.realtime?.connect(transport);
  const unsubscribers: (() => void)[] = [];

  return {
    name: "@aos/core",
    load: async (list) => {
      server = list;
      await manager.actions.refetch();
    },
    watch: (ids, watchers) => {
      for (const id of ids) {
        const observer = createObserver(() => rowView(manager.store.get(id)));
        unsubscribers.push(
          observer.subscribe(() => {
            watchers.row(id, observer.getSnapshot());
          }),
        );
      }
      // Kept incrementally: a change re-tests only its own row, as TanStack DB's live query does.
      const count = createCountObserver(manager, (row) => row.completed);
      unsubscribers.push(
        count.subscribe(() => {
          watchers.list(count.getSnapshot());
        }),
      );
    },
    serverUpdate: async (row) => {
      emit({ type: "rows", event: "UPDATE", data: row });
      // Events are applied in one batch per tick, in a microtask.
      await Promise.resolve();
    },
    refetch: () => manager.actions.refetch(),
    edit: async (id, patch, send) => {
      sends.park(id, send);
      await manager.actions.update({ id, data: patch }).catch(() => undefined);
    },
    idle: async () => {
      while (manager.status.hasPendingMutations || manager.status.isSyncing) await macrotask();
    },
    rows: () => manager.store.list.map((row) => ({ ...row })),
    dispose: () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      manager.destroy();
    },
  };
}
