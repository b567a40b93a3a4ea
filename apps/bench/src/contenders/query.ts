import { MutationObserver, notifyManager, QueryClient, QueryObserver } from "@tanstack/query-core";
import { completedCount, type Row, rowView } from "../data";
import type { Contender } from "./types";
import { macrotask } from "./types";

const KEY = ["rows"];

// Query tells observers from a zero-delay timer by default; a microtask keeps its timer's
// clamp (about 1 ms in Node) out of the per-event figures.
notifyManager.setScheduler(queueMicrotask);

// Row subscribers look rows up by id: one index per list, shared by all of them.
const indexes = new WeakMap<readonly Row[], Map<string, Row>>();
function indexOf(rows: readonly Row[]): Map<string, Row> {
  let index = indexes.get(rows);
  if (index === undefined) indexes.set(rows, (index = new Map(rows.map((row) => [row.id, row]))));
  return index;
}

const flush = () =>
  new Promise<void>((resolve) => {
    queueMicrotask(resolve);
  });

/**
 * TanStack Query Core as its optimistic-updates guide shows it: an immutable list under one
 * query key, `setQueryData` for server events, and per mutation `onMutate` (cancel,
 * snapshot, write), `onError` (restore the snapshot), `onSettled` (invalidate).
 */
export function createQueryContender(): Contender {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  let server: () => readonly Row[] = () => [];
  const queryFn = () => Promise.resolve([...server()]);
  const unsubscribers: (() => void)[] = [];
  const list = () => client.getQueryData<Row[]>(KEY) ?? [];

  return {
    name: "@tanstack/query-core",
    load: async (list) => {
      server = list;
      await client.query({ queryKey: KEY, queryFn });
    },
    watch: (ids, watchers) => {
      for (const id of ids) {
        const observer = new QueryObserver(client, {
          queryKey: KEY,
          queryFn,
          select: (rows: Row[]) => rowView(indexOf(rows).get(id)),
          notifyOnChangeProps: ["data"],
        });
        unsubscribers.push(
          observer.subscribe((result) => {
            watchers.row(id, result.data ?? "");
          }),
        );
      }
      const count = new QueryObserver(client, {
        queryKey: KEY,
        queryFn,
        select: (rows: Row[]) => completedCount(rows),
        notifyOnChangeProps: ["data"],
      });
      unsubscribers.push(
        count.subscribe((result) => {
          watchers.list(result.data ?? 0);
        }),
      );
    },
    serverUpdate: async (row) => {
      client.setQueryData<Row[]>(KEY, (old = []) =>
        old.map((item) => (item.id === row.id ? row : item)),
      );
      await flush();
    },
    refetch: async () => {
      await client.refetchQueries({ queryKey: KEY });
      await flush();
    },
    edit: async (id, patch, send) => {
      const observer = new MutationObserver<Row, Error, void, { previous: Row[] | undefined }>(
        client,
        {
          mutationFn: send,
          onMutate: async () => {
            await client.cancelQueries({ queryKey: KEY });
            const previous = client.getQueryData<Row[]>(KEY);
            client.setQueryData<Row[]>(KEY, (old = []) =>
              old.map((item) => (item.id === id ? { ...item, ...patch } : item)),
            );
            return { previous };
          },
          onError: (_error, _variables, context) => {
            client.setQueryData(KEY, context?.previous);
          },
          onSettled: () => client.invalidateQueries({ queryKey: KEY }),
        },
      );
      await observer.mutate().catch(() => undefined);
    },
    idle: async () => {
      while (client.isFetching() > 0 || client.isMutating() > 0) await macrotask();
    },
    rows: () => list().map((row) => ({ ...row })),
    dispose: () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      client.clear();
    },
  };
}
