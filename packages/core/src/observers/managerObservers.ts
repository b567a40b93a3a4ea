import type { ManagerStatus } from "../manager/ManagerStatus";
import type { OptimisticStore } from "../store/OptimisticStore";
import type { Entity } from "../store/types";
import { createObserver, sameFields, sameItems, type SnapshotObserver } from "./createObserver";

/**
 * The visible rows in order. The array changes only when rows come, go or move, never when a
 * field changes: render each row with {@link createEntityObserver} (or inside a MobX
 * `observer`) so that editing one field re-renders that row alone.
 *
 * @example
 * const rows = createListObserver(todos);
 * rows.subscribe(() => renderList(rows.getSnapshot().map((todo) => todo.id)));
 */
export function createListObserver<TUi extends Entity>(manager: {
  readonly store: OptimisticStore<TUi>;
}): SnapshotObserver<readonly TUi[]> {
  return createObserver<readonly TUi[]>(() => manager.store.list, sameItems);
}

/**
 * One row by id, as a frozen plain copy that changes only when one of its fields does, or
 * `undefined` while there is no such row. A temporary id keeps finding its row after the
 * server assigned the real one.
 *
 * @example
 * const todo = createEntityObserver(todos, id);
 * todo.subscribe(() => renderRow(todo.getSnapshot()));
 */
export function createEntityObserver<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  id: string,
): SnapshotObserver<Readonly<TUi> | undefined> {
  return createObserver<Readonly<TUi> | undefined>(() => {
    const row = manager.store.get(id);
    return row === undefined ? undefined : Object.freeze({ ...row });
  }, sameFields);
}

/**
 * Whether one row has optimistic changes still waiting for the server: fade it, or show a
 * spinner, until they settle. A temporary id keeps finding its row after the server assigned
 * the real one.
 *
 * @example
 * const pending = createPendingObserver(todos, id);
 * pending.subscribe(() => row.classList.toggle("pending", pending.getSnapshot()));
 */
export function createPendingObserver<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  id: string,
): SnapshotObserver<boolean> {
  return createObserver(() => manager.store.isPending(id));
}

/**
 * A plain copy of a manager's status, plus whether its realtime connection is up.
 *
 * @example
 * const { isLoading, error, hasPendingMutations } = statusObserver.getSnapshot();
 */
export interface StatusSnapshot {
  readonly isLoading: boolean;
  readonly isError: boolean;
  readonly error: Error | null;
  readonly isSyncing: boolean;
  readonly createPending: boolean;
  readonly updatePending: boolean;
  readonly deletePending: boolean;
  readonly pendingCount: number;
  readonly hasPendingMutations: boolean;
  /** `undefined` without realtime. */
  readonly isConnected: boolean | undefined;
}

/**
 * A manager's status as a snapshot that changes only when one of its values does.
 *
 * @example
 * const status = createStatusObserver(todos);
 * status.subscribe(() => spinner.toggle(status.getSnapshot().isSyncing));
 */
export function createStatusObserver(manager: {
  readonly status: ManagerStatus;
  readonly realtime?: { readonly isConnected: boolean } | undefined;
}): SnapshotObserver<StatusSnapshot> {
  return createObserver<StatusSnapshot>(() => {
    const status = manager.status;
    return Object.freeze({
      isLoading: status.isLoading,
      isError: status.isError,
      error: status.error,
      isSyncing: status.isSyncing,
      createPending: status.createPending,
      updatePending: status.updatePending,
      deletePending: status.deletePending,
      pendingCount: status.pendingCount,
      hasPendingMutations: status.hasPendingMutations,
      isConnected: manager.realtime?.isConnected,
    });
  }, sameFields);
}
