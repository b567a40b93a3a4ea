import { BasicIndex, createCollection, createLiveQueryCollection, eq } from "@tanstack/db";
import { queryCollectionOptions } from "@tanstack/query-db-collection";
import { QueryClient } from "@tanstack/query-core";
import { type Row, rowView } from "../data";
import { type Contender, macrotask, pendingSends } from "./types";

/**
 * TanStack DB as its docs show a REST list with realtime: a query collection (refetch diffs
 * the list), direct writes (`utils.writeUpdate`) for server events, `collection.update` with
 * an `onUpdate` handler that writes the server's answer back, and live queries for the
 * subscribers: one per watched row, one for the completed rows.
 */
export function createDbContender(): Contender {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  let server: () => readonly Row[] = () => [];
  const sends = pendingSends();
  const collection = createCollection(
    queryCollectionOptions({
      id: "rows",
      queryKey: ["rows"],
      queryFn: () => Promise.resolve([...server()]),
      queryClient,
      getKey: (row: Row) => row.id,
      startSync: false,
      onUpdate: async ({ transaction }) => {
        const rows = await Promise.all(
          transaction.mutations.map((mutation) => sends.send(mutation.key)),
        );
        // The server's answer becomes synced state when this transaction settles.
        void collection.utils.writeUpdate(rows);
        return { refetch: false };
      },
    }),
  );
  // The indexes DB's own dev-mode advice asks for, for the subscribers' queries.
  collection.createIndex((row) => row.id, { indexType: BasicIndex });
  collection.createIndex((row) => row.completed, { indexType: BasicIndex });
  const unsubscribers: (() => void)[] = [];

  return {
    name: "@tanstack/db",
    load: async (list) => {
      server = list;
      await collection.preload();
    },
    watch: (ids, watchers) => {
      for (const id of ids) {
        const live = createLiveQueryCollection((q) =>
          q.from({ row: collection }).where(({ row }) => eq(row.id, id)),
        );
        const subscription = live.subscribeChanges(() => {
          watchers.row(id, rowView(live.get(id)));
        });
        unsubscribers.push(() => {
          subscription.unsubscribe();
        });
      }
      const completed = createLiveQueryCollection((q) =>
        q
          .from({ row: collection })
          .where(({ row }) => eq(row.completed, true))
          .select(({ row }) => ({ id: row.id })),
      );
      const subscription = completed.subscribeChanges(() => {
        watchers.list(completed.size);
      });
      unsubscribers.push(() => {
        subscription.unsubscribe();
      });
    },
    serverUpdate: async (row) => {
      // Resolves once the write applied; live queries publish synchronously with it.
      await collection.utils.writeUpdate(row);
    },
    refetch: async () => {
      await collection.utils.refetch();
    },
    edit: async (id, patch, send) => {
      sends.park(id, send);
      const transaction = collection.update(id, (draft) => {
        Object.assign(draft, patch);
      });
      await transaction.when("settled").catch(() => undefined);
    },
    idle: async () => {
      while (collection.utils.isFetching) await macrotask();
    },
    rows: () => [...collection.values()].map((row) => ({ ...row, tags: [...row.tags] })),
    dispose: () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      void collection.cleanup();
    },
  };
}
