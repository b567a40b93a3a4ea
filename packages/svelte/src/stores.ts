import {
  createEntityObserver,
  createFormObserver,
  createListObserver,
  createPendingObserver,
  createStatusObserver,
  type Entity,
  type FormActions,
  type FormOptions,
  type FormSnapshot,
  type FormTarget,
  type FormValues,
  type ManagerStatus,
  type OptimisticStore,
  type SnapshotObserver,
  type StatusSnapshot,
} from "@aos/core";
import type { Readable } from "svelte/store";

/**
 * Any AOS observer as a Svelte store: `$store` in components, `fromStore(store)` with runes.
 * The MobX reaction lives only while the store has subscribers.
 *
 * @example
 * const count = toStore(createObserver(() => todos.store.count));
 */
export function toStore<T>(observer: SnapshotObserver<T>): Readable<T> {
  return {
    subscribe: (run) => {
      const unsubscribe = observer.subscribe(() => {
        run(observer.getSnapshot());
      });
      run(observer.getSnapshot());
      return unsubscribe;
    },
  };
}

/**
 * The visible rows in order; a new array only when rows come, go or move. Render each row
 * with a component using {@link entityStore}, and editing one field updates that row alone.
 *
 * @example
 * const todos = listStore(manager);
 * // {#each $todos as todo (manager.store.keyOf(todo.id))}<TodoRow id={todo.id} />{/each}
 */
export function listStore<TUi extends Entity>(manager: {
  readonly store: OptimisticStore<TUi>;
}): Readable<readonly TUi[]> {
  return toStore(createListObserver(manager));
}

/**
 * One row by id, as a frozen copy that changes only when one of its fields does.
 *
 * @example
 * const todo = entityStore(manager, id);
 * // <li>{$todo?.title}</li>
 */
export function entityStore<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  id: string,
): Readable<Readonly<TUi> | undefined> {
  return toStore(createEntityObserver(manager, id));
}

/**
 * Whether one row has changes still waiting for the server.
 *
 * @example
 * const pending = pendingStore(manager, id);
 * // <li style:opacity={$pending ? 0.6 : 1}>…</li>
 */
export function pendingStore<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  id: string,
): Readable<boolean> {
  return toStore(createPendingObserver(manager, id));
}

/**
 * The manager's status: loading, syncing, error, pending counts, realtime connection.
 *
 * @example
 * const status = statusStore(manager);
 * // {#if $status.isLoading}Loading…{/if}
 */
export function statusStore(manager: {
  readonly status: ManagerStatus;
  readonly realtime?: { readonly isConnected: boolean } | undefined;
}): Readable<StatusSnapshot> {
  return toStore(createStatusObserver(manager));
}

/**
 * A form bound to one mutation: a store of its state (values, issues by field, submitting,
 * error) with the form's actions. Invalid input shows issues and sends nothing.
 *
 * @example
 * const form = formStore(manager, { kind: "create" });
 * // <input value={$form.values.title ?? ""} oninput={(e) => form.setValue("title", e.currentTarget.value)} />
 */
export function formStore<
  TUi extends Entity,
  TCreateInput,
  TUpdateInput,
  TKind extends "create" | "update",
>(
  manager: FormTarget<TUi, TCreateInput, TUpdateInput>,
  options: { readonly kind: TKind } & FormOptions<TCreateInput, TUpdateInput, TKind>,
): FormStore<FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>, TUi> {
  const form = createFormObserver<TUi, TCreateInput, TUpdateInput, TKind>(manager, options);
  const { setValue, setValues, reset, submit } = form;
  return { subscribe: toStore(form).subscribe, setValue, setValues, reset, submit };
}

/**
 * What {@link formStore} returns: a store of the form's state, and its actions.
 *
 * @example
 * const form: FormStore<{ title: string }, Todo> = formStore(manager, { kind: "create" });
 */
export interface FormStore<TValues, TUi>
  extends Readable<FormSnapshot<TValues>>, FormActions<TValues, TUi> {}
