import { action, type IMapDidChange, observable, observe, untracked } from "mobx";
import { reportCallbackError } from "../reportCallbackError";
import type { OptimisticStore } from "../store/OptimisticStore";
import type { Entity } from "../store/types";
import { createObserver, type SnapshotObserver } from "./createObserver";

/**
 * How many visible rows match `predicate`, kept up to date incrementally: while subscribed, a
 * change to one row re-tests that row alone, where `list.filter(predicate).length` in an
 * observer reads every row after every change. Use it for counts over large lists ("3 items
 * left", "12 selected"); subscribers hear only when the number changes.
 *
 * As with `Array.prototype.filter`, a truthy result counts the row. The predicate must depend
 * on the row alone (its fields, not other observables or outside state), since only a change
 * to the row re-tests it. One that throws counts the row as not matching and is reported with
 * `console.error`; the store is not affected.
 *
 * Works with every adapter's generic binding: `useObserver` (React, Vue), `toStore` (Svelte).
 *
 * @example
 * const remaining = createCountObserver(todos, (todo) => !todo.completed);
 * const stop = remaining.subscribe(() => {
 *   console.log(`${remaining.getSnapshot()} items left`);
 * });
 */
export function createCountObserver<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  predicate: (row: Readonly<TUi>) => unknown,
): SnapshotObserver<number> {
  const rows = manager.store.entities as Map<string, TUi>;
  const count = observable.box(0);
  // Visible rows are MobX objects, one per row for its lifetime (even when a create's
  // temporary id is replaced): the ones that match, and how to stop watching each.
  const matching = new Set<TUi>();
  const stops = new Map<TUi, () => void>();
  let stopList: (() => void) | undefined;

  const matches = (row: TUi): boolean => {
    try {
      return Boolean(untracked(() => predicate(row)));
    } catch (error) {
      reportCallbackError("count predicate", error);
      return false;
    }
  };

  const retest = action((row: TUi) => {
    if (stops.has(row) && matches(row)) matching.add(row);
    else matching.delete(row);
    count.set(matching.size);
  });

  const watch = (row: TUi): void => {
    if (stops.has(row)) return;
    stops.set(
      row,
      observe(row, () => {
        retest(row);
      }),
    );
    retest(row);
  };

  const unwatch = (row: TUi): void => {
    stops.get(row)?.();
    stops.delete(row);
    retest(row);
  };

  const start = action(() => {
    stopList = observe(rows, (change: IMapDidChange<string, TUi>) => {
      if (change.type !== "add") unwatch(change.oldValue);
      if (change.type !== "delete") watch(change.newValue);
    });
    for (const row of rows.values()) watch(row);
  });

  const stop = action(() => {
    stopList?.();
    stopList = undefined;
    for (const stopRow of stops.values()) stopRow();
    stops.clear();
    matching.clear();
    count.set(0);
  });

  const counted = createObserver(() => count.get());

  return {
    subscribe: (listener) => {
      if (stopList === undefined) start();
      const unsubscribe = counted.subscribe(listener);
      return () => {
        unsubscribe();
        if (counted.listenerCount() === 0) stop();
      };
    },
    getSnapshot: () => {
      if (stopList !== undefined) return counted.getSnapshot();
      let total = 0;
      for (const row of untracked(() => [...rows.values()])) if (matches(row)) total++;
      return total;
    },
    listenerCount: counted.listenerCount,
  };
}
