import { createOptimisticStoreManager, type RealtimeTransport } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { useEntity, useList } from "@aos/react";
import { memo } from "react";
import type { Row } from "../../../src/data";
import { countListRender, countRowRender } from "../probe";
import { rowLine } from "../rowLine";
import type { Backend } from "../socket";
import { createRealtime } from "@aos/core/realtime";

type RowsManager = ReturnType<typeof createRowsManager>;

function createRowsManager({ fetchRows, socket }: Backend) {
  const manager = createOptimisticStoreManager<Row>(
    { name: "rows", queryFn: fetchRows, mutations: {}, realtime: createRealtime() },
    createQueryClient(),
  );
  const transport: RealtimeTransport = {
    isConnected: true,
    subscribe: (_type, listener) => socket.subscribe(listener),
    onStatus: () => () => undefined,
  };
  manager.realtime?.connect(transport);
  return manager;
}

// As @aos/react's docs show a list: `useList` for the rows (its array changes only when rows
// come, go or move), a `memo` row that reads its own row with `useEntity`.
const RowItem = memo(function RowItem({ manager, id }: { manager: RowsManager; id: string }) {
  const row = useEntity(manager, id);
  countRowRender();
  return row === undefined ? null : rowLine(row);
});

function List({ manager }: { manager: RowsManager }) {
  const rows = useList(manager);
  countListRender();
  return (
    <ul>
      {rows.map((row) => (
        <RowItem key={manager.store.keyOf(row.id)} manager={manager} id={row.id} />
      ))}
    </ul>
  );
}

export function createList(backend: Backend) {
  const manager = createRowsManager(backend);
  return <List manager={manager} />;
}
