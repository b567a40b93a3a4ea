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
  type FormObserver,
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
import {
  computed,
  getCurrentInstance,
  getCurrentScope,
  type MaybeRefOrGetter,
  onMounted,
  onScopeDispose,
  type Ref,
  shallowReadonly,
  shallowRef,
  toValue,
  watch,
} from "vue";

/**
 * A readonly ref following any AOS observer, unsubscribed when the current effect scope (the
 * component) is disposed. With a getter for the observer, it follows the getter's changes.
 *
 * @example
 * const count = useObserver(createObserver(() => todos.store.count));
 */
export function useObserver<T>(observer: MaybeRefOrGetter<SnapshotObserver<T>>): Readonly<Ref<T>> {
  const state = shallowRef(toValue(observer).getSnapshot());
  // Unsubscribed when the observer changes and when the watcher stops: with its scope, or at
  // once when rendering on a server.
  watch(
    () => toValue(observer),
    (current, _previous, onCleanup) => {
      state.value = current.getSnapshot();
      onCleanup(
        current.subscribe(() => {
          state.value = current.getSnapshot();
        }),
      );
    },
    { immediate: true },
  );
  return shallowReadonly(state);
}

/**
 * The visible rows in order, as a readonly ref that changes only when rows come, go or move:
 * render each row with a component using {@link useEntity}, and editing one field re-renders
 * that row alone. A ref or getter manager (a prop) is followed.
 *
 * @example
 * const rows = useList(todos);
 * // <TodoRow v-for="todo in rows" :key="todos.store.keyOf(todo.id)" :id="todo.id" />
 */
export function useList<TUi extends Entity>(
  manager: MaybeRefOrGetter<{ readonly store: OptimisticStore<TUi> }>,
): Readonly<Ref<readonly TUi[]>> {
  return useObserver(() => createListObserver(toValue(manager)));
}

/**
 * One row by id, as a readonly ref holding a frozen copy that changes only when one of the
 * row's fields does. A ref or getter id (or manager) is followed.
 *
 * @example
 * const props = defineProps<{ id: string }>();
 * const todo = useEntity(todos, () => props.id);
 */
export function useEntity<TUi extends Entity>(
  manager: MaybeRefOrGetter<{ readonly store: OptimisticStore<TUi> }>,
  id: MaybeRefOrGetter<string>,
): Readonly<Ref<Readonly<TUi> | undefined>> {
  return useObserver(() => createEntityObserver(toValue(manager), toValue(id)));
}

/**
 * Whether one row has changes still waiting for the server, as a readonly ref. A ref or getter
 * id (or manager) is followed.
 *
 * @example
 * const pending = usePending(todos, () => props.id);
 * // <li :style="{ opacity: pending ? 0.6 : 1 }">…</li>
 */
export function usePending<TUi extends Entity>(
  manager: MaybeRefOrGetter<{ readonly store: OptimisticStore<TUi> }>,
  id: MaybeRefOrGetter<string>,
): Readonly<Ref<boolean>> {
  return useObserver(() => createPendingObserver(toValue(manager), toValue(id)));
}

/**
 * The manager's status as a readonly ref: loading, syncing, error, pending counts, realtime.
 * A ref or getter manager (a prop) is followed.
 *
 * @example
 * const status = useStatus(todos);
 * // <p v-if="status.isLoading">Loading…</p>
 */
export function useStatus(
  manager: MaybeRefOrGetter<{
    readonly status: ManagerStatus;
    readonly realtime?: { readonly isConnected: boolean } | undefined;
  }>,
): Readonly<Ref<StatusSnapshot>> {
  return useObserver(() => createStatusObserver(toValue(manager)));
}

/**
 * A form bound to one mutation: `state` (values, issues by field, submitting, error) and the
 * form's actions. Invalid input shows issues and sends nothing. Options (or the manager) given
 * as a ref or a getter are followed: another manager, kind or row id makes a new form (a route
 * reused for another row edits that row); initial values are read once per form.
 *
 * @example
 * const form = useForm(todos, { kind: "create" });
 * // <input :value="form.state.value.values.title" @input="form.setValue('title', $event.target.value)" />
 * const edit = useForm(todos, () => ({ kind: "update", id: props.id }));
 */
export function useForm<
  TUi extends Entity,
  TCreateInput,
  TUpdateInput,
  TKind extends "create" | "update",
>(
  manager: MaybeRefOrGetter<FormTarget<TUi, TCreateInput, TUpdateInput>>,
  options: MaybeRefOrGetter<
    { readonly kind: TKind } & FormOptions<TCreateInput, TUpdateInput, TKind>
  >,
): FormBinding<FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>, TUi> {
  type Form = FormObserver<FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>, TUi>;
  let form: Form | undefined;
  let target: FormTarget<TUi, TCreateInput, TUpdateInput> | undefined;
  let key = "";
  const current = computed(() => {
    const nextTarget = toValue(manager);
    const next = toValue(options);
    const id = (next as { id?: string }).id;
    // A row by its key: the server's id replacing a create's temporary one is the same row.
    const row = id && (nextTarget as { store?: OptimisticStore<TUi> }).store?.keyOf(id);
    const nextKey = JSON.stringify([next.kind, row ?? id]);
    if (form === undefined || nextTarget !== target || nextKey !== key) {
      form = createFormObserver<TUi, TCreateInput, TUpdateInput, TKind>(nextTarget, next);
      target = nextTarget;
      key = nextKey;
    }
    return form;
  });
  return {
    state: useObserver(current),
    setValue: (field, value) => {
      current.value.setValue(field, value);
    },
    setValues: (values) => {
      current.value.setValues(values);
    },
    reset: (values) => {
      current.value.reset(values);
    },
    submit: () => current.value.submit(),
  };
}

/**
 * What {@link useForm} returns: the form's state as a readonly ref, and its actions.
 *
 * @example
 * const { state, setValue, submit }: FormBinding<{ title: string }, Todo> = useForm(todos, { kind: "create" });
 */
export interface FormBinding<TValues, TUi> extends FormActions<TValues, TUi> {
  readonly state: Readonly<Ref<FormSnapshot<TValues>>>;
}

/**
 * Creates a store manager for the component's lifetime: rows already in the query cache show
 * at once (also when rendering on a server); it starts once mounted and stops, leaving nothing
 * subscribed, when the component's scope is disposed.
 *
 * @example
 * const todos = useManager({ name: "todos", queryFn, mutations });
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
  const manager = createOptimisticStoreManager({ ...config, autoStart: false }, queryClient);
  if (getCurrentInstance() !== null) onMounted(manager.start);
  else manager.start();
  if (getCurrentScope() !== undefined) onScopeDispose(manager.stop);
  return manager;
}
