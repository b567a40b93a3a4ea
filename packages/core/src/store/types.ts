import type { MutationKind } from "../errors";

/**
 * What every row in an AOS store has: a string `id`.
 *
 * @example
 * interface Todo extends Entity { title: string; completed: boolean }
 */
export interface Entity {
  readonly id: string;
}

/**
 * One optimistic change waiting for the server, as the store's pending log holds it. An
 * update's `patch` holds only the fields the user changed; a create carries its whole
 * optimistic `row`.
 *
 * @example
 * const pendingTitles = store.pendingMutations
 *   .filter((mutation) => mutation.kind === "update" && "title" in (mutation.patch ?? {}))
 *   .map((mutation) => mutation.id);
 */
export interface PendingMutation<T extends Entity> {
  readonly mutationId: string;
  readonly kind: MutationKind;
  /** The row it targets; becomes the server's id when a create is confirmed under another id. */
  readonly id: string;
  readonly patch?: Partial<T>;
  readonly row?: T;
}

/**
 * A new entry for the pending log: `{ kind: "create", row }`, `{ kind: "update", id, patch }`
 * or `{ kind: "delete", id }`, each with the `mutationId` the server will echo.
 *
 * @example
 * store.addPending({ kind: "update", mutationId: "m1", id: "t1", patch: { completed: true } });
 */
export type NewPendingMutation<T extends Entity> =
  | { readonly kind: "create"; readonly mutationId: string; readonly row: T }
  | {
      readonly kind: "update";
      readonly mutationId: string;
      readonly id: string;
      readonly patch: Partial<T>;
    }
  | { readonly kind: "delete"; readonly mutationId: string; readonly id: string };

/**
 * Where a server change came from, as realtime events carry it: the `browserId` and
 * `mutationId` of the request that caused it, and the row's `version`.
 *
 * @example
 * store.applyServerRow(row, { browserId: event.browserId, mutationId: event.mutationId, version: event.version });
 */
export interface ServerChangeMeta {
  readonly browserId?: string | undefined;
  readonly mutationId?: string | undefined;
  readonly version?: number | undefined;
}

/**
 * What a custom conflict resolver sees when a remote change reaches a row with local pending
 * changes.
 *
 * @example
 * const keepMostLikes: ConflictResolver<Post> = ({ remote, confirmed }) => ({
 *   ...remote,
 *   likes: Math.max(remote.likes, confirmed?.likes ?? 0),
 * });
 */
export interface ConflictContext<T extends Entity> {
  readonly id: string;
  /** The row the server just sent. */
  readonly remote: T;
  /** The last confirmed row before it, if any. */
  readonly confirmed: T | undefined;
  /** What the user saw before the remote change: confirmed plus pending changes. */
  readonly local: T | undefined;
  /** The row's pending changes, oldest first; they are applied again on top of the result. */
  readonly pending: readonly PendingMutation<T>[];
}

/**
 * Returns the row to keep as confirmed; the row's pending changes are applied again on top.
 *
 * @example
 * const resolver: ConflictResolver<Todo> = ({ remote, local }) => ({ ...remote, title: local?.title ?? remote.title });
 */
export type ConflictResolver<T extends Entity> = (context: ConflictContext<T>) => T;

/**
 * How a remote change to a row with local pending changes is merged: `"rebase"` (default)
 * takes the remote row as confirmed and keeps the local changes on top; `"server-wins"`
 * drops the local pending changes of that row; a function decides the confirmed row.
 *
 * @example
 * const conflict: ConflictStrategy<Todo> = "server-wins";
 */
export type ConflictStrategy<T extends Entity> = "rebase" | "server-wins" | ConflictResolver<T>;

/**
 * Options of an {@link OptimisticStore}; a store manager passes them from its config.
 *
 * @example
 * const store = new OptimisticStore<Todo>({ versionField: "version", createPosition: "start" });
 */
export interface OptimisticStoreOptions<T extends Entity> {
  /** Orders `list`; without it, server order with new rows at `createPosition`. */
  readonly sort?: ((a: T, b: T) => number) | undefined;
  /** Where rows the server list does not place yet (creates, realtime inserts) go. Default `"end"`. */
  readonly createPosition?: "start" | "end" | undefined;
  /** A field that grows with every change (`"version"`, `"updatedAt"`): older data never replaces newer. */
  readonly versionField?: (keyof T & string) | undefined;
  /** How remote changes merge with local pending ones. Default `"rebase"`. */
  readonly conflict?: ConflictStrategy<T> | undefined;
  /** This store's browser id: server changes carrying it are our own echoes. */
  readonly browserId?: string | undefined;
}
