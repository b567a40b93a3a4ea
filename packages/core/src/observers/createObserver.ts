import { reaction, untracked } from "mobx";
import { reportCallbackError } from "../reportCallbackError";

/**
 * A framework-free view of some MobX-derived value, in the shape React's
 * `useSyncExternalStore`, Vue's `customRef` and Svelte's store contract all consume:
 * `subscribe` (returns the unsubscribe) and `getSnapshot` (the same value until it changes).
 *
 * @example
 * const count = createObserver(() => todos.store.count);
 * const stop = count.subscribe(() => console.log(count.getSnapshot()));
 */
export interface SnapshotObserver<T> {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => T;
  /** How many listeners are subscribed (0 means no MobX reaction is alive). */
  readonly listenerCount: () => number;
}

/**
 * Observes `read` with a MobX reaction while anyone listens: listeners are called when its
 * value changes by `equals`, and `getSnapshot` returns one stable value until then. With no
 * listener, nothing is observed and `getSnapshot` reads afresh (still stable by `equals`).
 * A listener that throws is reported with `console.error`; the others are still called.
 *
 * @example
 * const doneCount = createObserver(() => todos.store.list.filter((todo) => todo.done).length);
 */
export function createObserver<T>(
  read: () => T,
  equals: (a: T, b: T) => boolean = Object.is,
): SnapshotObserver<T> {
  const listeners = new Set<() => void>();
  let current: { value: T } | undefined;
  let dispose: (() => void) | undefined;

  const remember = (value: T): T => {
    if (current !== undefined && equals(current.value, value)) return current.value;
    current = { value };
    return value;
  };

  return {
    subscribe: (listener) => {
      listeners.add(listener);
      if (dispose === undefined) {
        dispose = reaction(read, (value) => {
          const before = current;
          remember(value);
          if (current === before) return;
          for (const notify of [...listeners]) {
            // One broken listener must not keep the others (another component) stale.
            try {
              notify();
            } catch (error) {
              reportCallbackError("listener", error);
            }
          }
        });
        remember(untracked(read));
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          dispose?.();
          dispose = undefined;
        }
      };
    },
    getSnapshot: () =>
      dispose !== undefined && current !== undefined ? current.value : remember(untracked(read)),
    listenerCount: () => listeners.size,
  };
}

/** Whether two arrays hold the same items in the same order (by identity). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => Object.is(item, b[index]));
}

/** Whether two plain objects hold the same values under the same keys (by identity). */
export function sameFields<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) =>
      Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
