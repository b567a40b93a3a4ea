import {
  type ConfiguredManager,
  createEntityObserver,
  createFormObserver,
  createListObserver,
  createOptimisticStoreManager,
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
  type OptimisticStoreManagerConfig,
  type SnapshotObserver,
  type StandardSchemaV1,
  type StatusSnapshot,
} from "@aos/core";
import type { QueryClient } from "@tanstack/query-core";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";

/**
 * Reads any AOS observer with `useSyncExternalStore`; the other hooks are this over core's
 * observers. Also used for server rendering (the snapshot is the server snapshot).
 *
 * @example
 * const count = useObserver(useMemo(() => createObserver(() => todos.store.count), []));
 */
export function useObserver<T>(observer: SnapshotObserver<T>): T {
  return useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot);
}

/**
 * The visible rows in order. The array changes only when rows come, go or move: render each
 * row with a `memo` component that calls {@link useEntity}, and editing one field re-renders
 * that row alone.
 *
 * @example
 * const todos = useList(todoManager);
 * return todos.map((todo) => <TodoRow key={todoManager.store.keyOf(todo.id)} id={todo.id} />);
 */
export function useList<TUi extends Entity>(manager: {
  readonly store: OptimisticStore<TUi>;
}): readonly TUi[] {
  const observer = useMemo(() => createListObserver(manager), [manager]);
  return useObserver(observer);
}

/**
 * One row by id, as a frozen copy that changes only when one of its fields does.
 *
 * @example
 * const TodoRow = memo(({ id }: { id: string }) => {
 *   const todo = useEntity(todoManager, id);
 *   return todo ? <li>{todo.title}</li> : null;
 * });
 */
export function useEntity<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  id: string,
): Readonly<TUi> | undefined {
  const observer = useMemo(() => createEntityObserver(manager, id), [manager, id]);
  return useObserver(observer);
}

/**
 * Whether one row has changes still waiting for the server; re-renders when that flips.
 *
 * @example
 * const pending = usePending(todoManager, id);
 * return <li style={{ opacity: pending ? 0.6 : 1 }}>{todo.title}</li>;
 */
export function usePending<TUi extends Entity>(
  manager: { readonly store: OptimisticStore<TUi> },
  id: string,
): boolean {
  const observer = useMemo(() => createPendingObserver(manager, id), [manager, id]);
  return useObserver(observer);
}

/**
 * The manager's status: loading, syncing, error, pending counts, realtime connection.
 *
 * @example
 * const { isLoading, error, hasPendingMutations } = useStatus(todoManager);
 */
export function useStatus(manager: {
  readonly status: ManagerStatus;
  readonly realtime?: { readonly isConnected: boolean } | undefined;
}): StatusSnapshot {
  const observer = useMemo(() => createStatusObserver(manager), [manager]);
  return useObserver(observer);
}

/**
 * A form bound to one mutation: its values, the schema's issues by field, `submitting` and
 * the submit error, with `setValue`, `setValues`, `reset` and `submit`. Invalid input shows
 * issues and sends nothing.
 *
 * @example
 * const form = useForm(todoManager, { kind: "create" });
 * <input value={form.values.title ?? ""} onChange={(e) => form.setValue("title", e.target.value)} />
 * <button onClick={() => void form.submit()} disabled={form.submitting}>Add</button>
 * {form.issues.title?.map((issue) => <p key={issue}>{issue}</p>)}
 */
export function useForm<
  TUi extends Entity,
  TCreateInput,
  TUpdateInput,
  TKind extends "create" | "update",
>(
  manager: FormTarget<TUi, TCreateInput, TUpdateInput>,
  options: { readonly kind: TKind } & FormOptions<TCreateInput, TUpdateInput, TKind>,
): FormSnapshot<FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>> &
  FormActions<FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>, TUi> {
  const id = (options as { id?: string }).id;
  // A new form only for another manager, mutation or row; initial values are read once. A row
  // by its key: the server's id replacing a create's temporary one is the same row.
  const row = id && (manager as { store?: OptimisticStore<TUi> }).store?.keyOf(id);
  const form = useMemo(
    () => createFormObserver<TUi, TCreateInput, TUpdateInput, TKind>(manager, options),
    [manager, options.kind, row ?? id],
  );
  const { setValue, setValues, reset, submit } = form;
  return { ...useObserver(form), setValue, setValues, reset, submit };
}

/**
 * Creates a store manager for the component's lifetime: created once (without side effects,
 * so server rendering and StrictMode's double render are safe), started after mount, stopped
 * on unmount with nothing left subscribed. Rows already in the query cache show on the first
 * render.
 *
 * @example
 * function Todos() {
 *   const todos = useManager({ name: "todos", queryFn, mutations });
 *   const rows = useList(todos);
 *   return <ul>{rows.map((todo) => <TodoRow key={todo.id} manager={todos} id={todo.id} />)}</ul>;
 * }
 */
export function useManager<
  TApi extends Entity,
  TUi extends Entity = TApi,
  TStore extends OptimisticStore<TUi> = OptimisticStore<TUi>,
  TCreateSchema extends StandardSchemaV1 | undefined = undefined,
  TUpdateSchema extends StandardSchemaV1 | undefined = undefined,
  TContext = undefined,
  TTransformerInput = Partial<TUi>,
  TCreateInput = TTransformerInput,
>(
  config: OptimisticStoreManagerConfig<
    TApi,
    TUi,
    TStore,
    TCreateSchema,
    TUpdateSchema,
    TContext,
    TTransformerInput,
    TCreateInput
  >,
  queryClient?: QueryClient,
): ConfiguredManager<TApi, TUi, TStore, TCreateSchema, TUpdateSchema, TCreateInput> {
  const [manager] = useState(() =>
    createOptimisticStoreManager({ ...config, autoStart: false }, queryClient),
  );
  useEffect(() => {
    manager.start();
    return () => {
      manager.stop();
    };
  }, [manager]);
  return manager;
}
