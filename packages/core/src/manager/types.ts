import type { DataTransformer, OptimisticDefaults } from "@aos/transforms";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { MutationError } from "../errors";
import type { OptimisticStore } from "../store/OptimisticStore";
import type {
  ConflictStrategy,
  Entity,
  OptimisticStoreOptions,
  ServerChangeMeta,
} from "../store/types";
import type { RealtimeExtension } from "../realtime/RealtimeExtension";
import type { RealtimeFactory } from "../realtime/types";
import type { ManagerStatus } from "./ManagerStatus";

/**
 * What every mutation function receives besides its data: the ids the server should echo in
 * its realtime events, so this store recognises its own changes.
 *
 * @example
 * const update = ({ id, data }, { mutationId, browserId }: MutationContext) =>
 *   fetch(`/api/todos/${id}`, {
 *     method: "PATCH",
 *     headers: { "X-Mutation-Id": mutationId, "X-Browser-Id": browserId },
 *     body: JSON.stringify(data),
 *   }).then((response) => response.json());
 */
export interface MutationContext {
  readonly mutationId: string;
  readonly browserId: string;
}

/**
 * The server calls of a store. Each returns the full stored row (`remove` may return
 * anything). Data arrives in API shape, from the transformer's `toApi`.
 *
 * @example
 * const mutations: Mutations<TodoApi> = {
 *   create: (data, context) => api.post("/todos", data, context),
 *   update: ({ id, data }, context) => api.patch(`/todos/${id}`, data, context),
 *   remove: (id, context) => api.delete(`/todos/${id}`, context),
 * };
 */
export interface Mutations<TApi> {
  /** Creates a row from the optimistic row in API shape, without its `pendingFields` (in any case: `createdAt` also leaves out `created_at`). */
  readonly create?: ((data: Partial<TApi>, context: MutationContext) => Promise<TApi>) | undefined;
  /** Updates a row with the changed fields in API shape. */
  readonly update?:
    | ((variables: { id: string; data: Partial<TApi> }, context: MutationContext) => Promise<TApi>)
    | undefined;
  /** Deletes a row. */
  readonly remove?: ((id: string, context: MutationContext) => Promise<unknown>) | undefined;
}

/**
 * Optional Standard Schema (zod, valibot, arktype, …) per mutation: the form's schema. Input
 * that fails it rejects with a `ValidationError` before anything changes.
 *
 * @example
 * const schemas = { create: z.object({ title: z.string().min(1) }), update: z.object({ title: z.string().min(1) }).partial() };
 */
export interface MutationSchemas<TCreate, TUpdate> {
  readonly create?: TCreate;
  readonly update?: TUpdate;
}

/** The input type a schema accepts, or `TFallback` without a schema. */
export type SchemaInput<TSchema, TFallback> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<TSchema>
  : TFallback;

/** The value a schema produces, or `TFallback` without a schema. */
export type SchemaOutput<TSchema, TFallback> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<TSchema>
  : TFallback;

/**
 * Refuses a transformer whose optimistic defaults need more than a partial row (a required
 * title, say) when the create schema's output does not provide it.
 * @internal
 */
type CreateSchemaFits<TSchema, TUi, TDefaultsInput> = TSchema extends StandardSchemaV1
  ? Partial<TUi> extends TDefaultsInput
    ? unknown
    : StandardSchemaV1.InferOutput<TSchema> extends TDefaultsInput
      ? unknown
      : { readonly optimisticDefaults: "does not take the create schema's output" }
  : unknown;

/**
 * The part of a manager's config that can change after creation, through `updateOptions`.
 *
 * @example
 * todos.updateOptions({ staleTime: 60_000 });
 */
export interface ManagerOptions {
  /** Whether the query runs. A function may read MobX observables (an auth token): the manager follows it. */
  readonly enabled?: boolean | (() => boolean) | undefined;
  /** How long fetched rows count as fresh, in ms (TanStack Query's `staleTime`); unset, the QueryClient's default applies. */
  readonly staleTime?: number | undefined;
}

/**
 * Everything a store manager is configured with. Written inline in
 * `createOptimisticStoreManager(…)` or `useManager(…)`, it is inferred whole; a config held in a
 * variable needs this type, with the schemas' types as type arguments when it has schemas
 * (left out, they default to `undefined` and the schemas are a type error).
 *
 * @example
 * const config: OptimisticStoreManagerConfig<TodoApi, Todo> = {
 *   name: "todos",
 *   queryFn: () => api.get("/todos"),
 *   mutations: { create, update, remove },
 *   transformer: todoTransformer,
 * };
 * const withSchemas: OptimisticStoreManagerConfig<
 *   Todo, Todo, OptimisticStore<Todo>, typeof createSchema, typeof updateSchema
 * > = { name: "todos", queryFn, mutations, schemas: { create: createSchema, update: updateSchema } };
 */
export interface OptimisticStoreManagerConfig<
  TApi extends Entity,
  TUi extends Entity = TApi,
  TStore extends OptimisticStore<TUi> = OptimisticStore<TUi>,
  TCreateSchema = undefined,
  TUpdateSchema = undefined,
  TContext = undefined,
  TTransformerInput = Partial<TUi>,
  TCreateInput = TTransformerInput,
> extends ManagerOptions {
  /** The query key root: rows live under `[name]` in the QueryClient. */
  readonly name: string;
  /** Loads every row, in API shape. */
  readonly queryFn: (context: { readonly signal: AbortSignal }) => Promise<readonly TApi[]>;
  readonly mutations: Mutations<TApi>;
  readonly schemas?: MutationSchemas<TCreateSchema, TUpdateSchema> | undefined;
  /**
   * API <-> UI mapping; omit it or pass `false` to use rows as the API sends them. Its
   * `optimisticDefaults`' input type is what `actions.create` takes when there is no create
   * schema (and no `optimisticDefaults` of the config's own).
   */
  readonly transformer?:
    | (DataTransformer<TApi, TUi, TTransformerInput> &
        CreateSchemaFits<TCreateSchema, NoInfer<TUi>, NoInfer<TTransformerInput>>)
    | false
    | undefined;
  /**
   * How a create's optimistic row is built; defaults to the transformer's, then to
   * `{ id: uuid, ...input }`. It gets the create schema's output, or without a schema what
   * `actions.create` was given: its input type is then the action's.
   */
  readonly optimisticDefaults?:
    | OptimisticDefaults<NoInfer<TUi>, SchemaOutput<TCreateSchema, TCreateInput>, TContext>
    | undefined;
  /** Passed to `createOptimisticUiData` as its second argument (e.g. the signed-in user). */
  readonly optimisticContext?: (() => TContext) | undefined;
  /** A subclass of `OptimisticStore` to create, for derived values. */
  readonly storeClass?: (new (options: OptimisticStoreOptions<TUi>) => TStore) | undefined;
  // NoInfer: the UI shape comes from the transformer (or is the API shape), never from these.
  readonly versionField?: NoInfer<keyof TUi & string> | undefined;
  readonly conflict?: ConflictStrategy<NoInfer<TUi>> | undefined;
  readonly sort?: ((a: NoInfer<TUi>, b: NoInfer<TUi>) => number) | undefined;
  readonly createPosition?: "start" | "end" | undefined;
  /**
   * Start at once (default). With `false` the manager shows rows already cached but neither
   * fetches nor subscribes until `start()`: what framework hooks need to be side-effect free
   * during render. Until then its status tells what starting will do (`isLoading` when the
   * first list is still to come), so a first render shows loading, not an empty list.
   */
  readonly autoStart?: boolean | undefined;
  /**
   * Clear the rows (and the cached query) whenever `enabled` turns false, e.g. on sign-out.
   * Other managers of the same `name` keep their rows and get the query's next fetch. A stopped
   * manager (`stop()`, `autoStart: false`) sees no change of `enabled`: `start()` clears it if
   * it is disabled, and forgets its rows if their cached list was cleared meanwhile (by another
   * manager, or `queryClient.clear()` at sign-out), since another user may have signed in.
   */
  readonly clearWhenDisabled?: boolean | undefined;
  /**
   * Called with every `MutationError` an action rejects with, after its rollback: a failed
   * request, or an update or remove of a row that is not there. Not after `destroy()`, and not
   * for a `ValidationError` (nothing was sent).
   */
  readonly onError?: ((error: MutationError) => void) | undefined;
  /**
   * This tab's id, sent with every mutation so the server can echo it in realtime events;
   * generated when omitted.
   */
  readonly browserId?: string | undefined;
  /**
   * Realtime merging: `createRealtime()` from `@aos/core/realtime`. Only apps that pass it
   * bundle it; then connect a transport with `manager.realtime.connect()`.
   */
  readonly realtime?: RealtimeFactory<NoInfer<TUi>> | undefined;
}

/**
 * The actions of a store manager. Each applies its optimistic change before it returns its
 * promise; concurrent calls are independent and roll back alone.
 *
 * @example
 * await todos.actions.create({ title: "Buy milk" });
 * await todos.actions.update({ id, data: { completed: true } });
 * await todos.actions.remove(id);
 */
export interface ManagerActions<TUi extends Entity, TCreateInput, TUpdateInput> {
  /** Validates, shows the optimistic row, sends it; resolves with the server's row in UI shape. */
  readonly create: (input: TCreateInput) => Promise<TUi>;
  /** Validates, shows the change, sends the changed fields; resolves with the server's row. */
  readonly update: (params: { readonly id: string; readonly data: TUpdateInput }) => Promise<TUi>;
  /** Hides the row at once, deletes it on the server; the row comes back if that fails. */
  readonly remove: (id: string) => Promise<void>;
  /**
   * Fetches the rows again; resolves once they are merged into the store. Overlapping calls
   * share a request (one asked for before a call is followed by one more for it). While the
   * manager is disabled (`disable()`, or `enabled` false) it fetches nothing and resolves at
   * once: `enable()` fetches.
   */
  readonly refetch: () => Promise<void>;
  /** Starts a fetch and forgets it (errors show in `status`); none while disabled, as `refetch`. */
  readonly triggerQuery: () => void;
}

/**
 * A store manager: the store, its actions and status, and its lifecycle.
 *
 * @example
 * const todos: OptimisticStoreManager<TodoApi, Todo> = createOptimisticStoreManager(config);
 * autorun(() => console.log(todos.store.count, todos.status.isSyncing));
 */
export interface OptimisticStoreManager<
  TApi extends Entity,
  TUi extends Entity = TApi,
  TStore extends OptimisticStore<TUi> = OptimisticStore<TUi>,
  TCreateInput = Partial<TUi>,
  TUpdateInput = Partial<TUi>,
> {
  readonly name: string;
  readonly queryKey: readonly [string];
  /** Sent with every mutation; server events carrying it are this store's own echoes. */
  readonly browserId: string;
  readonly store: TStore;
  readonly actions: ManagerActions<TUi, TCreateInput, TUpdateInput>;
  /** The realtime handle, when the config has `realtime: createRealtime()`: `connect(transportOrSocket)`, `disconnect()`, `isConnected`. */
  readonly realtime: RealtimeExtension<TUi> | undefined;
  readonly status: ManagerStatus;
  /** Lets the query run again (if `enabled` allows it). */
  readonly enable: () => void;
  /**
   * Pauses the query, `actions.refetch()` included; `{ clear: true }` also forgets the rows and
   * the cached query (sign-out). Other managers of the same `name` keep their rows and get the
   * query's next fetch.
   */
  readonly disable: (options?: { readonly clear?: boolean }) => void;
  /** Whether the query may run: not disabled, and `enabled` allows it. Observable. */
  readonly isEnabled: () => boolean;
  /** Changes `enabled` or `staleTime`, or re-reads them, and applies them to the query. */
  readonly updateOptions: (options?: ManagerOptions) => void;
  /** Merges a row the server pushed, in API shape (the realtime entry point). */
  readonly applyServerRow: (row: TApi, meta?: ServerChangeMeta) => void;
  /** Removes a row the server deleted (the realtime entry point). */
  readonly removeServerRow: (id: string, meta?: ServerChangeMeta) => void;
  /** Subscribes to the query and follows `enabled` (done at creation unless `autoStart: false`). */
  readonly start: () => void;
  /**
   * Leaves the query and stops following `enabled`, leaving nothing subscribed; `start()`
   * resumes. Meanwhile the status shows no fetch (one still running reaches the store only
   * after `start()`) and keeps the last error.
   */
  readonly stop: () => void;
  /** Whether the manager is started. */
  readonly isRunning: () => boolean;
  /**
   * Stops everything: the query observer, reactions, realtime (a later `realtime.connect()`
   * does nothing); later results no longer reach the store or `onError`, and the status shows
   * no fetch (the last error stays).
   */
  readonly destroy: () => void;
}

/**
 * The manager a config produces: action inputs taken from the config's schemas, else the
 * create input its optimistic defaults take (`TCreateInput`), else `Partial<TUi>`.
 *
 * @example
 * type Todos = ConfiguredManager<TodoApi, Todo, OptimisticStore<Todo>, typeof createSchema, undefined>;
 */
export type ConfiguredManager<
  TApi extends Entity,
  TUi extends Entity,
  TStore extends OptimisticStore<TUi>,
  TCreateSchema,
  TUpdateSchema,
  TCreateInput = Partial<TUi>,
> = OptimisticStoreManager<
  TApi,
  TUi,
  TStore,
  SchemaInput<TCreateSchema, TCreateInput>,
  SchemaInput<TUpdateSchema, Partial<TUi>>
>;
