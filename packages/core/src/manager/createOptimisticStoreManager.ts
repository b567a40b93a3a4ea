import { getGlobalQueryClient } from "@aos/query-client";
import type { DataTransformer } from "@aos/transforms";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import {
  type DefaultedQueryObserverOptions,
  type QueryClient,
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
} from "@tanstack/query-core";
import { action, computed, observable, reaction, runInAction } from "mobx";
import {
  AosError,
  ConflictError,
  InvalidServerResponseError,
  MutationError,
  type MutationKind,
} from "../errors";
import { reportCallbackError } from "../reportCallbackError";
import { tick } from "../store/clock";
import { OptimisticStore } from "../store/OptimisticStore";
import type { Entity, ServerChangeMeta } from "../store/types";
import { valuesEqual } from "../store/valuesEqual";
import { createId } from "./createId";
import { ManagerStatus } from "./ManagerStatus";
import type {
  ConfiguredManager,
  ManagerOptions,
  MutationContext,
  OptimisticStoreManagerConfig,
  SchemaInput,
} from "./types";
import { validateInput } from "./validateInput";

// Server lists -> when their request started, so a list never undoes a newer confirmation.
// Module-wide because managers sharing a query key share the lists too.
const listStartedAt = new WeakMap<object, number>();

type Row = Record<string, unknown>;

function isRow(value: unknown): value is Entity {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Partial<Entity>).id === "string" &&
    (value as Entity).id !== ""
  );
}

const passThrough: DataTransformer<never, never> = {
  toUi: (row) => row,
  toApi: (row) => row,
};

/** A field name without its case: `createdAt`, `created_at` and `CreatedAt` are one field. */
function caseless(field: string): string {
  return field.replace(/[_-]/g, "").toLowerCase();
}

/**
 * Creates the optimistic store for one entity and everything that keeps it in sync: a
 * TanStack Query observer for the list (shared cache: managers with the same `name` share
 * it), one TanStack Query mutation per action call, schemas, transforms, and the merge
 * entry points realtime uses.
 *
 * Each action shows its change before it returns, sends it, and on failure rolls back only
 * itself; every other pending change stays (see the state model in the docs).
 *
 * @example
 * const todos = createOptimisticStoreManager({
 *   name: "todos",
 *   queryFn: () => fetch("/api/todos").then((response) => response.json()),
 *   mutations: {
 *     create: (data, context) => send("POST", "/api/todos", data, context),
 *     update: ({ id, data }, context) => send("PATCH", `/api/todos/${id}`, data, context),
 *     remove: (id, context) => send("DELETE", `/api/todos/${id}`, undefined, context),
 *   },
 *   schemas: { create: z.object({ title: z.string().min(1) }) },
 *   transformer: createDefaultTransformer<TodoApi, Todo>({ fields: { createdAt: "date" } }),
 * });
 *
 * await todos.actions.create({ title: "Buy milk" }); // visible at once, confirmed by the server
 */
export function createOptimisticStoreManager<
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
  queryClient: QueryClient = getGlobalQueryClient(),
): ConfiguredManager<TApi, TUi, TStore, TCreateSchema, TUpdateSchema, TCreateInput> {
  type CreateInput = SchemaInput<TCreateSchema, TCreateInput>;
  type UpdateInput = SchemaInput<TUpdateSchema, Partial<TUi>>;

  if (typeof config.name !== "string" || config.name === "") {
    throw new AosError("createOptimisticStoreManager() needs a non-empty name.");
  }
  const name = config.name;
  if (typeof config.queryFn !== "function") {
    throw new AosError(`The store "${name}" needs a queryFn.`);
  }

  const queryKey = [name] as const;
  if (config.realtime !== undefined && typeof config.realtime !== "function") {
    throw new AosError(
      `The store "${name}" takes its realtime option from createRealtime() in "@aos/core/realtime".`,
    );
  }
  const browserId = config.browserId ?? createId();
  // `false` or left out: rows are the same in the API and the UI. `??` would keep `false`.
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
  const transformer = (config.transformer || passThrough) as DataTransformer<
    TApi,
    TUi,
    TTransformerInput
  >;
  const optimisticDefaults = config.optimisticDefaults ?? transformer.optimisticDefaults;
  const StoreClass = config.storeClass ?? OptimisticStore;
  const store = new StoreClass({
    sort: config.sort,
    createPosition: config.createPosition,
    versionField: config.versionField,
    conflict: config.conflict,
    browserId,
  }) as TStore;

  // Replaced, never mutated: a new object re-runs `enabled`, whose function may read anything.
  const options = observable.box<ManagerOptions>(
    { enabled: config.enabled, staleTime: config.staleTime },
    { deep: false },
  );
  let destroyed = false;
  let lastList: unknown;
  const creating = new Map<string, Promise<unknown>>();

  const enabledByCaller = observable.box(true);
  const queryResult = observable.box<QueryObserverResult | undefined>(undefined, {
    deep: false,
  });
  const mutationError = observable.box<Error | null>(null, { deep: false });
  const status = new ManagerStatus(queryResult, mutationError, (kind) => store.pendingCount(kind));

  const enabled = computed(() => {
    if (!enabledByCaller.get()) return false;
    const setting = options.get().enabled;
    if (typeof setting !== "function") return setting ?? true;
    try {
      return setting();
    } catch (error) {
      reportCallbackError("enabled", error);
      return false;
    }
  });

  const toUi = (row: TApi): TUi => transformer.toUi(row);

  const observerOptions = (): QueryObserverOptions<readonly TApi[]> => {
    const { staleTime } = options.get();
    return {
      queryKey,
      queryFn: async (context) => {
        const startedAt = tick();
        // A getter: TanStack Query cancels a fetch whose signal was read when its last observer
        // leaves, so only a queryFn that uses the signal makes a fetch cancellable.
        const list = await config.queryFn({
          get signal() {
            return context.signal;
          },
        });
        if (!Array.isArray(list)) {
          throw new InvalidServerResponseError(`The list of "${name}"`, list);
        }
        listStartedAt.set(list, startedAt);
        return list as readonly TApi[];
      },
      enabled: enabled.get(),
      // Left out when unset, so the QueryClient's default staleTime applies.
      ...(staleTime !== undefined && { staleTime }),
      structuralSharing: false,
    };
  };

  const observer = new QueryObserver<readonly TApi[]>(queryClient, observerOptions());

  const mergeList = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    const rows: TUi[] = [];
    for (const item of list as unknown[]) {
      if (!isRow(item)) continue;
      try {
        rows.push(toUi(item as TApi));
      } catch {
        // An item the transformer cannot read is skipped like any other that is not a row.
      }
    }
    // Development only: bundlers replace process.env.NODE_ENV (Vite also while developing)
    // and drop this from production builds. Unbundled, a browser has no `process`.
    try {
      if (process.env.NODE_ENV !== "production" && rows.length < list.length) {
        console.warn(
          `[aos] The list of "${name}" held ${list.length - rows.length} item(s) that are not rows; skipped.`,
        );
      }
    } catch {
      // No `process`, so no warning.
    }
    store.reconcile(rows, listStartedAt.get(list) ?? 0);
  };

  const onResult = action((result: QueryObserverResult) => {
    if (destroyed) return;
    queryResult.set(result);
    if (result.data !== undefined && result.data !== lastList) {
      lastList = result.data;
      mergeList(result.data);
    }
  });

  // Rows already in the cache (another manager, server rendering) are visible at once. Before
  // start() (autoStart: false), the status tells what starting will do, as TanStack Query's
  // hooks do: an adapter's first render, before its effect starts the manager, shows loading.
  onResult(
    observer.getOptimisticResult({
      ...(observer.options as DefaultedQueryObserverOptions<readonly TApi[]>),
      _optimisticResults: "optimistic",
    }),
  );

  const clearData = action((keepQuery?: boolean) => {
    store.clear();
    lastList = undefined;
    // Reset, not removed: other managers of this name keep observing it. Resetting cancels a
    // running fetch, which starts again for those still enabled.
    const query = keepQuery ? undefined : queryClient.getQueryCache().find({ queryKey });
    const fetching = query?.state.fetchStatus === "fetching";
    query?.reset();
    if (fetching) void queryClient.refetchQueries({ queryKey, exact: true });
    queryResult.set(undefined);
    mutationError.set(null);
  });

  let stopRunning: (() => void) | undefined;

  /** Subscribes to the query (fetching if needed) and follows `enabled`. Idempotent. */
  const start = () => {
    if (destroyed || stopRunning) return;
    // `enabled` may have changed, or the query been cleared, while stopped.
    observer.setOptions(observerOptions());
    // Stopped, it saw no sign-out: forget the rows while disabled, or once the cache forgot
    // their list (another manager's clear, queryClient.clear(): maybe another user since).
    if (config.clearWhenDisabled === true) {
      if (!enabled.get()) clearData();
      else if (lastList !== undefined && observer.getCurrentResult().data === undefined)
        clearData(true);
    }
    const unsubscribe = observer.subscribe(onResult);
    onResult(observer.getCurrentResult());
    const disposeEnabled = reaction(
      () => enabled.get(),
      (isEnabled) => {
        observer.setOptions(observerOptions());
        if (!isEnabled && config.clearWhenDisabled === true) clearData();
      },
    );
    stopRunning = () => {
      disposeEnabled();
      unsubscribe();
    };
  };

  /** Leaves the query and stops following `enabled`; `start()` resumes. Rows stay. */
  const stop = () => {
    stopRunning?.();
    stopRunning = undefined;
    // A fetch still running reaches this manager only after start(): no fetch to show, but the
    // last error stays.
    onResult({ error: queryResult.get()?.error } as QueryObserverResult);
  };

  if (config.autoStart !== false) start();

  // ---------------------------------------------------------------------------------------
  // Mutations: one TanStack Query mutation per call, so concurrent calls stay independent.

  const send = <TVariables, TResult>(
    kind: MutationKind,
    mutationId: string,
    variables: TVariables,
    mutationFn: (variables: TVariables, context: MutationContext) => Promise<TResult>,
  ): Promise<TResult> => {
    // build() applies the client's mutation defaults (retry: false from createQueryClient).
    const mutation = queryClient.getMutationCache().build(queryClient, {
      mutationKey: [name, kind],
      mutationFn: (vars: TVariables) => mutationFn(vars, { mutationId, browserId }),
      meta: { mutationId, browserId },
    });
    return mutation.execute(variables);
  };

  const fail = (kind: MutationKind, id: string, mutationId: string, cause: unknown) => {
    const error =
      cause instanceof MutationError
        ? cause
        : kind !== "create" && store.isDeletedOnServer(id)
          ? new ConflictError(kind, id, mutationId, cause)
          : new MutationError(kind, id, mutationId, cause);
    // A change settled already (dropped by "server-wins"), forgotten by a clear (sign-out) or
    // never made (no such row) leaves the status alone; so does the answer of a cleared one
    // below. After destroy(), neither the status nor onError hears of it.
    if (!destroyed) {
      runInAction(() => {
        if (store.discardPending(mutationId)) mutationError.set(error);
      });
      try {
        config.onError?.(error);
      } catch (callbackError) {
        reportCallbackError("onError", callbackError);
      }
    }
    return Promise.reject(error);
  };

  /** A change to a row that is not there fails before it is sent; onError hears it. */
  const missingRow = (kind: MutationKind, id: string, mutationId: string) =>
    fail(
      kind,
      id,
      mutationId,
      new MutationError(
        kind,
        id,
        mutationId,
        new AosError(`There is no row ${JSON.stringify(id)}.`),
      ),
    );

  const confirmRow = (kind: MutationKind, mutationId: string, response: unknown): TUi => {
    if (!isRow(response)) {
      throw new InvalidServerResponseError(`The ${kind} response of "${name}"`, response);
    }
    const row = toUi(response as TApi);
    if (!isRow(row)) throw new InvalidServerResponseError(`The transformed ${kind} response`, row);
    if (!destroyed) {
      runInAction(() => {
        if (store.confirmPending(mutationId, { row })) mutationError.set(null);
      });
    }
    return row;
  };

  /** Waits for an in-flight create of this row, then answers the id the server knows it by. */
  const serverIdOf = async (id: string): Promise<string> => {
    const pendingCreate = creating.get(id);
    if (pendingCreate !== undefined) {
      try {
        await pendingCreate;
      } catch (cause) {
        // Its answer may be lost after the server committed it: then its echo confirmed the
        // row, and this change goes ahead.
        if (!store.confirmedRows.has(store.resolveId(id))) {
          throw new AosError(`The create of ${JSON.stringify(id)} this change depends on failed.`, {
            cause,
          });
        }
      }
      // Not sent yet: after destroy() nothing more is.
      if (destroyed) throw new AosError(`The store "${name}" was destroyed.`);
    }
    return store.resolveId(id);
  };

  const missingMutation = (action: keyof typeof config.mutations) =>
    Promise.reject(new AosError(`The store "${name}" has no ${action} mutation.`));

  const afterValidation = <T>(
    kind: MutationKind,
    schema: StandardSchemaV1 | undefined,
    input: unknown,
    start: (value: unknown) => Promise<T>,
  ): Promise<T> => {
    if (destroyed) return Promise.reject(new AosError(`The store "${name}" was destroyed.`));
    let value: unknown;
    try {
      value = validateInput(kind, schema, input);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new AosError(String(error)));
    }
    // validateInput answers a promise only for an async schema; destroy() may run meanwhile.
    return value instanceof Promise
      ? value.then((output) => afterValidation(kind, undefined, output, start))
      : start(value);
  };

  const createRow = (value: unknown): TUi => {
    if (optimisticDefaults !== undefined) {
      const context = config.optimisticContext?.() as TContext;
      return (
        optimisticDefaults.createOptimisticUiData as (input: unknown, context: TContext) => TUi
      )(value, context);
    }
    const input = value as Partial<TUi>;
    return { ...input, id: input.id ?? createId() } as TUi;
  };

  // Pending fields are UI names; the API may spell them in another case (createdAt -> created_at).
  const pendingFields = new Set(
    (optimisticDefaults?.pendingFields ?? []).map((field) => caseless(String(field))),
  );
  const createData = (row: TUi): Partial<TApi> => {
    const data = Object.entries(transformer.toApi(row) as Row).filter(
      ([field]) => !pendingFields.has(caseless(field)),
    );
    return Object.fromEntries(data) as Partial<TApi>;
  };

  const updateData = (base: TUi, patch: Partial<TUi>): Partial<TApi> => {
    if (!config.transformer) return { ...patch } as Partial<TApi>;
    const before = transformer.toApi(base) as Row;
    const after = transformer.toApi({ ...base, ...patch }) as Row;
    const data: Row = {};
    for (const key of Object.keys(after)) {
      if (Object.hasOwn(patch, key) || !valuesEqual(after[key], before[key]))
        data[key] = after[key];
    }
    return data as Partial<TApi>;
  };

  const actions = {
    create: (input: CreateInput): Promise<TUi> => {
      const mutate = config.mutations.create;
      if (mutate === undefined) return missingMutation("create");
      return afterValidation("create", config.schemas?.create, input, (value) => {
        const mutationId = createId();
        let row: TUi;
        let data: Partial<TApi>;
        try {
          row = createRow(value);
          if (!isRow(row)) throw new AosError("The optimistic row needs a non-empty string id.");
          data = createData(row);
        } catch (cause) {
          return Promise.reject(
            cause instanceof AosError
              ? cause
              : new AosError("Building the optimistic row failed.", { cause }),
          );
        }
        runInAction(() => store.addPending({ kind: "create", mutationId, row }));
        const request = send("create", mutationId, data, mutate)
          .then((response) => confirmRow("create", mutationId, response))
          .catch((cause: unknown) => fail("create", row.id, mutationId, cause))
          .finally(() => creating.delete(row.id));
        creating.set(row.id, request);
        return request;
      });
    },

    update: ({ id, data: input }: { readonly id: string; readonly data: UpdateInput }) => {
      const mutate = config.mutations.update;
      if (mutate === undefined) return missingMutation("update");
      return afterValidation("update", config.schemas?.update, input, (value) => {
        const mutationId = createId();
        const target = store.resolveId(id);
        const visible = store.get(target);
        if (visible === undefined) {
          return missingRow("update", id, mutationId);
        }
        const base = { ...visible };
        const patch = { ...(value as Partial<TUi>) } as Row;
        delete patch.id;
        runInAction(() =>
          store.addPending({
            kind: "update",
            mutationId,
            id: target,
            patch: patch as Partial<TUi>,
          }),
        );
        return serverIdOf(target)
          .then((serverId) => {
            const data = updateData({ ...base, id: serverId }, patch as Partial<TUi>);
            return send("update", mutationId, { id: serverId, data }, mutate);
          })
          .then((response) => confirmRow("update", mutationId, response))
          .catch((cause: unknown) => fail("update", store.resolveId(target), mutationId, cause));
      });
    },

    remove: (id: string): Promise<void> => {
      const mutate = config.mutations.remove;
      if (mutate === undefined) return missingMutation("remove");
      return afterValidation("delete", undefined, id, () => {
        const mutationId = createId();
        const target = store.resolveId(id);
        if (!store.has(target)) {
          return missingRow("delete", id, mutationId);
        }
        runInAction(() => store.addPending({ kind: "delete", mutationId, id: target }));
        return serverIdOf(target)
          .then((serverId) => send("delete", mutationId, serverId, mutate))
          .then(() => {
            if (!destroyed) {
              runInAction(() => {
                if (store.confirmPending(mutationId, { deleted: true })) mutationError.set(null);
              });
            }
          })
          .catch((cause: unknown) => fail("delete", store.resolveId(target), mutationId, cause));
      });
    },

    refetch: async (): Promise<void> => {
      if (destroyed) throw new AosError(`The store "${name}" was destroyed.`);
      // Disabled (signed out): a request could only fail or fetch rows the user may no longer
      // see. Marked stale, so that enable() fetches even within `staleTime` (a missed resync).
      // TanStack Query's refetch() ignores `enabled`.
      if (!enabled.get()) {
        observer.getCurrentQuery().invalidate();
        return;
      }
      const calledAt = tick();
      // Overlapping calls share a request rather than cancel each other's (TanStack's default).
      const fetchList = () => observer.refetch({ cancelRefetch: false });
      let result = await fetchList();
      // TanStack Query shares a first load already in flight, but that list was asked for
      // before this call and can miss what changed since (a resync after a reconnection).
      const list = result.data;
      if (
        // destroy() or disable() may have run meanwhile: then nothing more is fetched.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        !destroyed &&
        enabled.get() &&
        !result.error &&
        list !== undefined &&
        (listStartedAt.get(list) ?? 0) < calledAt
      ) {
        result = await fetchList();
      }
      // Listeners are notified in a later batch: merge now, so the store is current on return.
      onResult(observer.getCurrentResult());
      if (result.error) throw result.error;
    },

    triggerQuery: (): void => {
      actions.refetch().catch(() => undefined);
    },
  };

  const applyServerRow = action((row: TApi, meta?: ServerChangeMeta) => {
    if (!isRow(row)) throw new InvalidServerResponseError(`A server row of "${name}"`, row);
    store.applyServerRow(toUi(row), meta);
  });

  const removeServerRow = action((id: string, meta?: ServerChangeMeta) => {
    store.removeServerRow(id, meta);
  });

  const realtime = config.realtime?.({
    name,
    store,
    // Realtime checks an event's shape, not the API type: applyServerRow checks the row.
    applyServerRow: applyServerRow as (row: Entity, meta?: ServerChangeMeta) => void,
    removeServerRow,
    // Nothing loaded or loading (not started, cleared): nothing can have been missed. Disabled,
    // refetch() fetches nothing. The query's own state: before start() the observer's result
    // tells what starting will do.
    resync: () =>
      lastList === undefined && observer.getCurrentQuery().state.fetchStatus !== "fetching"
        ? Promise.resolve()
        : actions.refetch(),
  });

  return {
    name,
    queryKey,
    browserId,
    store,
    actions,
    status,
    realtime,
    enable: action(() => {
      enabledByCaller.set(true);
    }),
    disable: (disableOptions?: { readonly clear?: boolean }) => {
      // Its query disabled first, so clearing fetches nothing for it.
      runInAction(() => {
        enabledByCaller.set(false);
      });
      if (disableOptions?.clear === true) clearData();
    },
    isEnabled: () => enabled.get(),
    updateOptions: action((next?: ManagerOptions) => {
      options.set({ ...options.get(), ...next });
      observer.setOptions(observerOptions());
    }),
    applyServerRow,
    removeServerRow,
    start,
    stop,
    isRunning: () => !!stopRunning,
    destroy: () => {
      if (destroyed) return;
      stop();
      destroyed = true;
      realtime?.destroy();
      observer.destroy();
    },
  };
}
