import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import type { Row } from "../../../src/data";
import { countListRender } from "../probe";
import { MemoRow } from "../rowLine";
import type { Backend } from "../socket";

const KEY = ["rows"];

// As TanStack Query's docs show a list kept fresh by a socket: one query for the list (no
// refetching: the socket keeps it fresh), `setQueryData` with an immutable update per
// message, `memo` rows that keep their props when their row object is the same.
function List({ fetchRows }: { fetchRows: () => Promise<Row[]> }) {
  const { data = [] } = useQuery({ queryKey: KEY, queryFn: fetchRows });
  countListRender();
  return (
    <ul>
      {data.map((row) => (
        <MemoRow key={row.id} row={row} />
      ))}
    </ul>
  );
}

export function createList({ fetchRows, socket }: Backend) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  socket.subscribe(({ data }) => {
    client.setQueryData<Row[]>(KEY, (rows) =>
      rows?.map((row) => (row.id === data.id ? data : row)),
    );
  });
  return (
    <QueryClientProvider client={client}>
      <List fetchRows={fetchRows} />
    </QueryClientProvider>
  );
}
