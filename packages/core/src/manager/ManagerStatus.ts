import type { QueryObserverResult } from "@tanstack/query-core";
import { makeAutoObservable, type IObservableValue } from "mobx";
import type { MutationKind } from "../errors";

/**
 * What a store manager is doing, derived from its query and its pending log; every getter
 * is a MobX computed value.
 *
 * @example
 * autorun(() => {
 *   if (todos.status.isLoading) showSpinner();
 *   if (todos.status.error) toast(todos.status.error.message);
 * });
 */
export class ManagerStatus {
  readonly #query: IObservableValue<QueryObserverResult | undefined>;
  readonly #mutationError: IObservableValue<Error | null>;
  readonly #pendingCount: (kind: MutationKind) => number;

  constructor(
    query: IObservableValue<QueryObserverResult | undefined>,
    mutationError: IObservableValue<Error | null>,
    pendingCount: (kind: MutationKind) => number,
  ) {
    this.#query = query;
    this.#mutationError = mutationError;
    this.#pendingCount = pendingCount;
    // Every getter becomes a computed value: readers re-run only when its result changes.
    makeAutoObservable(this);
  }

  /**
   * The first load is running: no rows yet. Before the first `start()` (`autoStart: false`),
   * whether starting will run it; false once stopped or destroyed.
   */
  get isLoading(): boolean {
    return this.#query.get()?.isLoading ?? false;
  }

  /** The query failed, or the last mutation did (until one succeeds). */
  get isError(): boolean {
    return this.error !== null;
  }

  /** The query's error, else the last failed mutation's error (cleared by the next success). */
  get error(): Error | null {
    return this.#query.get()?.error ?? this.#mutationError.get();
  }

  /** A fetch is running, the first or a background one. False while stopped or destroyed. */
  get isSyncing(): boolean {
    return this.#query.get()?.isFetching ?? false;
  }

  get createPendingCount(): number {
    return this.#pendingCount("create");
  }

  get updatePendingCount(): number {
    return this.#pendingCount("update");
  }

  get deletePendingCount(): number {
    return this.#pendingCount("delete");
  }

  /** How many optimistic changes are waiting for the server. */
  get pendingCount(): number {
    return this.createPendingCount + this.updatePendingCount + this.deletePendingCount;
  }

  get createPending(): boolean {
    return this.createPendingCount > 0;
  }

  get updatePending(): boolean {
    return this.updatePendingCount > 0;
  }

  get deletePending(): boolean {
    return this.deletePendingCount > 0;
  }

  get hasPendingMutations(): boolean {
    return this.pendingCount > 0;
  }
}
