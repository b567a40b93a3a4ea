import { action, computed, makeObservable, observable, type IObservableArray } from "mobx";
import { AosError } from "../errors";
import { reportCallbackError } from "../reportCallbackError";
import { tick } from "./clock";
import { compareVersions } from "./compareVersions";
import type {
  ConflictStrategy,
  Entity,
  NewPendingMutation,
  OptimisticStoreOptions,
  PendingMutation,
  ServerChangeMeta,
} from "./types";
import { valuesEqual } from "./valuesEqual";

interface Pending<T extends Entity> extends PendingMutation<T> {
  id: string;
  /** When it was issued: its response never undoes one issued later. */
  readonly issuedAt: number;
}

/** Where server data came from and, for a list or an answer, when it was asked for (`at`), for
 * rule 5 (older data never undoes newer). */
type Source =
  { readonly kind: "fetch" | "response"; readonly at: number } | { readonly kind: "push" };

interface Tombstone {
  readonly at: number;
  readonly version?: unknown;
}

type Row = Record<string, unknown>;

const SETTLED_MEMORY = 1000;

/**
 * The layered optimistic store for one entity: what the server confirmed, the log of pending
 * optimistic changes, and the visible rows (confirmed with every pending change applied in
 * order), held in MobX observables per row and field.
 *
 * The store never restores a snapshot for a mutation: a failed change leaves the pending log
 * and every other change stays. Server data of any kind replaces the confirmed layer and the
 * pending log is applied again on top.
 *
 * Usually created by `createOptimisticStoreManager`; subclass it (`storeClass`) to add
 * derived values. Plain getters are reactive as they are; call `makeObservable(this, { x:
 * computed })` in the subclass constructor to cache them.
 *
 * @example
 * class TodoStore extends OptimisticStore<Todo> {
 *   get remaining() {
 *     return this.list.filter((todo) => !todo.completed).length;
 *   }
 * }
 *
 * const store = new TodoStore();
 * store.reconcile([{ id: "1", title: "Buy milk", completed: false }]);
 * store.remaining; // 1
 */
export class OptimisticStore<T extends Entity> {
  readonly #options: OptimisticStoreOptions<T>;
  readonly #rows = observable.map<string, T>(undefined, { deep: false });
  readonly #order: IObservableArray<string> = observable.array<string>([], { deep: false });
  /** The ids in `#order`, for membership checks that must not scan the observable array. */
  readonly #placed = new Set<string>();
  readonly #pendingPerKind = observable.object({ create: 0, update: 0, delete: 0 });

  readonly #confirmed = new Map<string, T>();
  readonly #confirmedAt = new Map<string, number>();
  /** When each row was first confirmed since it was last gone: ids are not reused, so a list
   * started after it that lacks the row was taken after the row's deletion. */
  readonly #seenAt = new Map<string, number>();
  readonly #respondedAt = new Map<string, number>();
  readonly #tombstones = new Map<string, Tombstone>();
  /** Observable so that `isPending` follows a row gaining or losing its last pending change;
   * the lists themselves are plain, and a row without pending changes has none. */
  readonly #pendingByRow = observable.map<string, Pending<T>[]>(undefined, { deep: false });
  readonly #pendingById = new Map<string, Pending<T>>();
  readonly #settled = new Set<string>();
  /** Mutations whose request failed: their echo, if the server committed after all, is news. */
  readonly #failed = new Set<string>();
  readonly #aliases = new Map<string, string>();
  readonly #keys = new Map<string, string>();
  readonly #snapshots: Map<string, T>[] = [];

  constructor(options: OptimisticStoreOptions<T> = {}) {
    this.#options = options;
    makeObservable(this, {
      list: computed,
      count: computed,
      upsert: action,
      update: action,
      remove: action,
      clear: action,
      reconcile: action,
      pushSnapshot: action,
      rollback: action,
      applyServerRow: action,
      removeServerRow: action,
      addPending: action,
      confirmPending: action,
      discardPending: action,
    });
  }

  /** The visible rows by id, as MobX observables: reading a field observes only that field. */
  get entities(): ReadonlyMap<string, T> {
    return this.#rows;
  }

  /**
   * The visible rows in order: `sort` if given, else the server's order with rows it has not
   * placed yet (creates, realtime inserts) at `createPosition`. Changes only when rows come,
   * go or move; editing a field does not produce a new list.
   */
  get list(): T[] {
    const rows: T[] = [];
    for (const id of this.#order) {
      const row = this.#rows.get(id);
      if (row !== undefined) rows.push(row);
    }
    const sort = this.#options.sort;
    return sort ? rows.sort(sort) : rows;
  }

  /** How many rows are visible. */
  get count(): number {
    return this.#rows.size;
  }

  /** The visible row with this id (a temporary id of a confirmed create still finds it). */
  get(id: string): T | undefined {
    return this.#rows.get(this.resolveId(id));
  }

  /** Whether a row with this id is visible. */
  has(id: string): boolean {
    return this.#rows.has(this.resolveId(id));
  }

  /** Whether the row has optimistic changes still waiting for the server. */
  isPending(id: string): boolean {
    return this.#pendingByRow.has(this.resolveId(id));
  }

  /**
   * A key for UI lists that survives a create's temporary id being replaced by the server's:
   * the temporary id for such rows, the id for all others.
   */
  keyOf(id: string): string {
    const resolved = this.resolveId(id);
    return this.#keys.get(resolved) ?? resolved;
  }

  /** The server's id for a temporary id whose create was confirmed; other ids unchanged. */
  resolveId(id: string): string {
    return this.#aliases.get(id) ?? id;
  }

  /** How many pending changes of a kind are waiting; observable. */
  pendingCount(kind: PendingMutation<T>["kind"]): number {
    return this.#pendingPerKind[kind];
  }

  /** The confirmed layer: the last server truth per id. */
  get confirmedRows(): ReadonlyMap<string, T> {
    return this.#confirmed;
  }

  /** The pending log, oldest first, as a copy taken when read. */
  get pendingMutations(): readonly PendingMutation<T>[] {
    // A Map iterates in insertion order, and a mutation id is never reused: oldest first.
    return [...this.#pendingById.values()];
  }

  /** Whether the server deleted this row (seen through a response, an event or a refetch). */
  isDeletedOnServer(id: string): boolean {
    return this.#tombstones.has(this.resolveId(id));
  }

  // ---------------------------------------------------------------------------------------
  // The confirmed layer (the seeds' API). Each write keeps the pending log on top.

  /** Writes a row into the confirmed layer, as server data. */
  upsert(row: T): void {
    if (this.#accept(row)) this.#refresh(row.id);
  }

  /** Merges fields into a confirmed row; does nothing when the row is not confirmed. */
  update(id: string, patch: Partial<T>): void {
    const current = this.#confirmed.get(this.resolveId(id));
    if (current === undefined) return;
    this.upsert({ ...current, ...patch, id: current.id });
  }

  /** Removes a row from the confirmed layer, as a server deletion. */
  remove(id: string): void {
    this.#acceptDeletion(this.resolveId(id));
  }

  /**
   * Forgets everything: confirmed rows, pending changes, visible rows and pushed snapshots
   * (e.g. on sign-out).
   */
  clear(): void {
    this.#snapshots.length = 0;
    // Answers to cleared mutations are neither pending nor settled: they are ignored.
    this.#pendingByRow.clear();
    this.#pendingById.clear();
    this.#pendingPerKind.create = 0;
    this.#pendingPerKind.update = 0;
    this.#pendingPerKind.delete = 0;
    this.#confirmed.clear();
    this.#confirmedAt.clear();
    this.#seenAt.clear();
    this.#respondedAt.clear();
    this.#tombstones.clear();
    this.#aliases.clear();
    this.#keys.clear();
    this.#rows.clear();
    this.#order.clear();
    this.#placed.clear();
  }

  /**
   * Replaces the confirmed layer with a server list: rows missing from it are deleted, rows
   * that did not change are not written, and the pending log is applied on top.
   * `startedAt` is when the request for the list started (`tick()`); data confirmed after it
   * is newer than the list and kept, but a row that the list lacks and that was seen before it
   * started was deleted since. Without it the list counts as brand new.
   */
  reconcile(rows: readonly T[], startedAt: number = tick()): void {
    const source: Source = { kind: "fetch", at: startedAt };
    const listed = new Set<string>();
    const changed: string[] = [];
    for (const row of rows) {
      listed.add(row.id);
      if (this.#accept(row, undefined, source)) changed.push(row.id);
    }
    for (const id of [...this.#confirmed.keys()]) {
      if (
        !listed.has(id) &&
        Math.min(this.#seenAt.get(id) ?? 0, this.#confirmedAt.get(id) ?? 0) <= startedAt
      ) {
        this.#confirmed.delete(id);
        this.#confirmedAt.delete(id);
        this.#tombstones.set(id, { at: startedAt });
        changed.push(id);
      }
    }
    // New rows are placed once, in server order, rather than appended one by one.
    for (const id of changed) this.#refresh(id, false);
    this.#placeInServerOrder(rows);
  }

  /** Saves the confirmed layer, for a manual {@link rollback}. The manager never uses it. */
  pushSnapshot(): void {
    this.#snapshots.push(new Map(this.#confirmed));
  }

  /** Restores the confirmed layer saved by the last {@link pushSnapshot}; pending changes stay on top. */
  rollback(): void {
    const snapshot = this.#snapshots.pop();
    if (snapshot === undefined) return;
    const ids = new Set([...this.#confirmed.keys(), ...snapshot.keys()]);
    this.#confirmed.clear();
    for (const [id, row] of snapshot) {
      this.#confirmed.set(id, row);
      // Back in the confirmed layer: no longer deleted, so later server data for it applies.
      this.#tombstones.delete(id);
    }
    for (const id of ids) this.#refresh(id);
  }

  // ---------------------------------------------------------------------------------------
  // Server changes pushed to the store (realtime).

  /**
   * Merges a row the server pushed (a realtime INSERT or UPDATE, already in UI shape).
   * Our own echo (a known `mutationId`, or our `browserId`) confirms or is ignored, never
   * applied twice; with a version, older data never replaces newer; a row with local pending
   * changes is merged by the store's conflict strategy.
   */
  applyServerRow(row: T, meta: ServerChangeMeta = {}): void {
    const own = meta.mutationId === undefined ? undefined : this.#pendingById.get(meta.mutationId);
    if (own !== undefined) {
      const moved = own.kind === "create" && own.id !== row.id;
      if (moved) this.#moveRow(own.id, row.id);
      if (this.#accept(row, meta.version) || moved) this.#refresh(row.id);
      return;
    }
    if (this.#isOwnEcho(meta)) return;
    this.#mergeRemote(this.resolveId(row.id), row, meta.version);
  }

  /**
   * Removes a row the server deleted (a realtime DELETE). Deleting is idempotent, so our own
   * echo simply confirms; a row with local pending changes disappears too, and those changes
   * settle as conflicts. A stale deletion (older version than the row) is ignored.
   */
  removeServerRow(id: string, meta: ServerChangeMeta = {}): void {
    // A deletion is idempotent, so even our own echo is applied: it can only confirm.
    this.#acceptDeletion(this.resolveId(id), meta.version);
  }

  // ---------------------------------------------------------------------------------------
  // The pending log (used by the manager; usable by hand for custom mutation flows).

  /**
   * Adds an optimistic change to the pending log and shows it at once. Updates and deletes of
   * a temporary id whose create is already confirmed target the server's id.
   */
  addPending(mutation: NewPendingMutation<T>): PendingMutation<T> {
    if (this.#pendingById.has(mutation.mutationId) || this.#settled.has(mutation.mutationId)) {
      throw new AosError(
        `The mutation id ${JSON.stringify(mutation.mutationId)} is already in use.`,
      );
    }
    const id = mutation.kind === "create" ? mutation.row.id : this.resolveId(mutation.id);
    const entry: Pending<T> = {
      ...mutation,
      id,
      issuedAt: tick(),
    };
    this.#pendingById.set(entry.mutationId, entry);
    this.#pendingByRow.set(id, [...(this.#pendingByRow.get(id) ?? []), entry]);
    this.#pendingPerKind[entry.kind]++;
    this.#refresh(id);
    return entry;
  }

  /**
   * Confirms a pending change with the server's answer: its row for a create or update (the
   * server is authoritative), or the deletion. The change leaves the log; the rest is applied
   * again. A create answered under another id takes that id in place, keeping its list key.
   * Returns the row's id, or `undefined` for a mutation it does not know (forgotten by
   * {@link clear}) and for the deletion of one settled already.
   */
  confirmPending(mutationId: string, outcome: { row: T } | { deleted: true }): string | undefined {
    const entry = this.#pendingById.get(mutationId);
    if (entry === undefined) {
      // Settled already (dropped by "server-wins"): the answer is still server data.
      if (!this.#settled.has(mutationId) || !("row" in outcome)) return undefined;
      if (this.#accept(outcome.row)) this.#refresh(outcome.row.id);
      return outcome.row.id;
    }
    if ("row" in outcome) {
      if (entry.kind === "create" && entry.id !== outcome.row.id) {
        this.#moveRow(entry.id, outcome.row.id);
      }
      this.#accept(outcome.row, undefined, { kind: "response", at: entry.issuedAt });
    } else {
      this.#markDeleted(entry.id);
    }
    this.#removeEntry(entry);
    this.#refresh(entry.id);
    return entry.id;
  }

  /**
   * Drops a pending change after its request failed: only this change is rolled back. Returns
   * whether it was pending (not settled already, nor forgotten by {@link clear}).
   */
  discardPending(mutationId: string): boolean {
    const entry = this.#pendingById.get(mutationId);
    if (entry === undefined) return false;
    remember(this.#failed, mutationId);
    this.#removeEntry(entry);
    this.#refresh(entry.id);
    return true;
  }

  // ---------------------------------------------------------------------------------------

  #isOwnEcho(meta: ServerChangeMeta): boolean {
    const { mutationId } = meta;
    // A failed request may still have committed (its answer was lost): the echo is the only
    // word of it, so it is applied as server data.
    if (mutationId !== undefined && this.#failed.has(mutationId)) return false;
    const browserId = this.#options.browserId;
    return (
      (browserId !== undefined && meta.browserId === browserId) ||
      (mutationId !== undefined && this.#settled.has(mutationId))
    );
  }

  /** Applies a pushed row to the confirmed layer, by the conflict strategy if `id` has pending changes. */
  #mergeRemote(id: string, remote: T, version: unknown): void {
    const pending = this.#pendingByRow.get(id);
    const strategy: ConflictStrategy<T> = this.#options.conflict ?? "rebase";
    let merged: T = remote;
    // Without pending changes there is nothing to merge: the row is applied as it came.
    if (pending !== undefined && strategy !== "rebase" && strategy !== "server-wins") {
      const local = this.#rows.get(id);
      let resolved: T = remote;
      try {
        resolved = strategy({
          id,
          remote,
          confirmed: this.#confirmed.get(id),
          local: local === undefined ? undefined : { ...local },
          pending: [...pending],
        });
      } catch (error) {
        reportCallbackError("conflict", error);
      }
      merged = { ...resolved, id: remote.id };
    }
    // A merged row without a version of its own is as new as the pushed one.
    if (!this.#accept(merged, version ?? this.#version(remote))) return;
    if (pending !== undefined && strategy === "server-wins") {
      for (const entry of [...pending]) {
        if (entry.kind !== "create") this.#removeEntry(entry);
      }
    }
    this.#refresh(id);
  }

  #version(row: T | undefined): unknown {
    const field = this.#options.versionField;
    return field === undefined ? undefined : row?.[field];
  }

  /**
   * Writes server data into the confirmed layer unless it is older than what is there.
   * Returns whether the confirmed row changed.
   */
  #accept(row: T, metaVersion?: unknown, source: Source = { kind: "push" }): boolean {
    const id = row.id;
    const current = this.#confirmed.get(id);
    const tombstone = this.#tombstones.get(id);
    // With versions on both sides they decide; a deletion supersedes its own version too.
    // Without, the logical clock does: when the data was asked for, against what came since.
    const order = compareVersions(
      this.#version(row) ?? metaVersion,
      current !== undefined ? this.#version(current) : tombstone?.version,
    );
    if (order !== undefined) {
      if (order < 0 || (current === undefined && order === 0)) return false;
    } else if (source.kind === "push") {
      // Ids are not reused: a pushed row of a deleted id is an event that was still on its
      // way. Only a newer version, or a list requested after the deletion, brings it back.
      if (tombstone !== undefined) return false;
    } else {
      // Written since it was asked for (a list: by anything but a list; an answer: by the
      // answer to a later request), or deleted since: the data may predate either.
      const writes = source.kind === "fetch" ? this.#confirmedAt : this.#respondedAt;
      if ((writes.get(id) ?? 0) > source.at) return false;
      if (tombstone !== undefined && tombstone.at > source.at) return false;
    }
    if (source.kind === "response") {
      this.#respondedAt.set(id, Math.max(this.#respondedAt.get(id) ?? 0, source.at));
    }
    if (source.kind !== "fetch") this.#confirmedAt.set(id, tick());
    this.#tombstones.delete(id);
    if (current === undefined) this.#seenAt.set(id, tick());
    else if (valuesEqual(current, row)) return false;
    this.#confirmed.set(id, row);
    return true;
  }

  #acceptDeletion(id: string, version?: unknown): void {
    // Older than the confirmed row: stale. Without versions on both sides, always applied.
    const order = compareVersions(version, this.#version(this.#confirmed.get(id)));
    if (order !== undefined && order < 0) return;
    this.#markDeleted(id, version);
    this.#refresh(id);
  }

  #markDeleted(id: string, version?: unknown): void {
    const at = tick();
    this.#confirmed.delete(id);
    this.#confirmedAt.set(id, at);
    this.#tombstones.set(id, { at, version });
  }

  #removeEntry(entry: Pending<T>): void {
    this.#pendingById.delete(entry.mutationId);
    remember(this.#settled, entry.mutationId);
    const forRow = this.#pendingByRow.get(entry.id);
    if (forRow !== undefined) {
      forRow.splice(forRow.indexOf(entry), 1);
      if (forRow.length === 0) this.#pendingByRow.delete(entry.id);
    }
    this.#pendingPerKind[entry.kind]--;
  }

  /** A create confirmed under the server's id: the row keeps its place, object and list key. */
  #moveRow(from: string, to: string): void {
    const forRow = this.#pendingByRow.get(from) ?? [];
    for (const entry of forRow) entry.id = to;
    const existing = this.#pendingByRow.get(to) ?? [];
    this.#pendingByRow.delete(from);
    // In the log's order, which is the user's: a change made to the new row before its create
    // was confirmed (waiting under the temporary id) goes before one made to it since.
    // Never empty: the create being confirmed is among them.
    this.#pendingByRow.set(
      to,
      [...existing, ...forRow].sort((a, b) => a.issuedAt - b.issuedAt),
    );
    this.#aliases.set(from, to);
    this.#keys.set(to, this.#keys.get(from) ?? from);
    this.#keys.delete(from);

    if (this.#placed.delete(from)) {
      this.#dropFromOrder(to);
      this.#order[this.#order.indexOf(from)] = to;
      this.#placed.add(to);
    }
    const row = this.#rows.get(from);
    if (row !== undefined) {
      this.#rows.delete(from);
      this.#rows.set(to, row);
    }
  }

  /** Recomputes one visible row from its confirmed row and pending changes; writes only what changed. */
  #refresh(id: string, place = true): void {
    let next = this.#confirmed.get(id);
    for (const entry of this.#pendingByRow.get(id) ?? []) {
      if (entry.row !== undefined) {
        next ??= entry.row.id === id ? entry.row : { ...entry.row, id };
      } else if (entry.kind === "update") next = next && { ...next, ...entry.patch };
      else next = undefined;
    }
    const current = this.#rows.get(id);
    if (next === undefined) {
      if (current !== undefined) this.#rows.delete(id);
      if (!this.#pendingByRow.has(id) && !this.#confirmed.has(id)) this.#dropFromOrder(id);
      return;
    }
    if (current === undefined) {
      this.#rows.set(id, observable.object({ ...next }, undefined, { deep: false }));
      if (place && !this.#placed.has(id)) {
        this.#placed.add(id);
        if (this.#options.createPosition === "start") this.#order.unshift(id);
        else this.#order.push(id);
      }
      return;
    }
    writeChangedFields(current as Row, next as Row);
  }

  #dropFromOrder(id: string): void {
    if (!this.#placed.delete(id)) return;
    this.#order.splice(this.#order.indexOf(id), 1);
  }

  /** Server order for listed rows; rows the list does not hold yet keep their relative order. */
  #placeInServerOrder(rows: readonly T[]): void {
    const current = this.#order.slice();
    // A Set keeps the first place of an id the list repeats.
    const listed = new Set<string>();
    for (const { id } of rows) {
      if (this.#placed.has(id) || this.#rows.has(id)) listed.add(id);
    }
    const others = current.filter((id) => !listed.has(id));
    const next =
      this.#options.createPosition === "start" ? [...others, ...listed] : [...listed, ...others];
    for (const id of listed) this.#placed.add(id);
    // `next` holds all of `current`, so a longer `next` also differs at some index.
    if (next.some((id, index) => id !== current[index])) {
      this.#order.replace(next);
    }
  }
}

/** Adds a mutation id to a bounded memory, forgetting the oldest past `SETTLED_MEMORY`. */
function remember(ids: Set<string>, id: string): void {
  ids.add(id);
  if (ids.size > SETTLED_MEMORY) {
    for (const oldest of ids) {
      ids.delete(oldest);
      break;
    }
  }
}

function writeChangedFields(target: Row, source: Row): void {
  for (const key of Object.keys(source)) {
    if (!valuesEqual(target[key], source[key])) target[key] = source[key];
  }
  for (const key of Object.keys(target)) {
    if (!Object.hasOwn(source, key)) Reflect.deleteProperty(target, key);
  }
}
