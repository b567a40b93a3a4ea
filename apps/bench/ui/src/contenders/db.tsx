import { queryCollectionOptions } from "@tanstack/query-db-collection";
import { QueryClient } from "@tanstack/query-core";
import { createCollection, useLiveQuery } from "@tanstack/react-db";
import type { Row } from "../../../src/data";
import { countListRender } from "../probe";
import { MemoRow } from "../rowLine";
import type { Backend } from "../socket";

// The node DB contender's setup, as TanStack DB's docs show a REST list with realtime: a
// query collection loads it, the socket's rows go in with `utils.writeUpdate` (direct writes:
// synced server state). Not `localOnlyCollection`: that is for state with no server, and its
// writes would go through optimistic transactions.
function createRowsCollection({ fetchRows, socket }: Backend) {
  const collection = createCollection(
    queryCollectionOptions({
      id: "rows",
      queryKey: ["rows"],
      queryFn: fetchRows,
      queryClient: new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } }),
      getKey: (row: Row) => row.id,
    }),
  );
  socket.subscribe(({ data }) => {
    // Resolves once applied; a failed write would reach the page's error handler.
    void collection.utils.writeUpdate(data);
  });
  return collection;
}

type RowsCollection = ReturnType<typeof createRowsCollection>;

function List({ collection }: { collection: RowsCollection }) {
  // `queryKey` as react-db advises for a query on a hot render path: this list renders once
  // per message, and without it each render rebuilds and hashes the query to find its identity.
  const { data } = useLiveQuery({
    queryKey: ["rows"],
    query: (q) => q.from({ row: collection }),
  });
  countListRender();
  return (
    <ul>
      {data.map((row) => (
        <MemoRow key={row.id} row={row} />
      ))}
    </ul>
  );
}

export function createList(backend: Backend) {
  return <List collection={createRowsCollection(backend)} />;
}
