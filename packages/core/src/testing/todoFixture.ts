import { createQueryClient } from "@aos/query-client";
import type { QueryClient } from "@tanstack/query-core";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { createOptimisticStoreManager } from "../manager/createOptimisticStoreManager";
import type { MutationContext, OptimisticStoreManagerConfig } from "../manager/types";
import type { OptimisticStore } from "../store/OptimisticStore";
import { flush } from "./deferred";
import { controlledFunction } from "./requestLog";

export interface Todo {
  id: string;
  title: string;
  done: boolean;
  version?: number;
}

export const todo = (id: string, title = id, extra: Partial<Todo> = {}): Todo => ({
  id,
  title,
  done: false,
  ...extra,
});

/** A todo manager whose list and mutation requests wait until the test answers them. */
export function todoFixture<
  TCreate extends StandardSchemaV1 | undefined = undefined,
  TUpdate extends StandardSchemaV1 | undefined = undefined,
  TContext = undefined,
>(
  overrides: Partial<
    OptimisticStoreManagerConfig<Todo, Todo, OptimisticStore<Todo>, TCreate, TUpdate, TContext>
  > = {},
  queryClient: QueryClient = createQueryClient({
    defaultOptions: { queries: { retry: false } },
  }),
) {
  const list = controlledFunction<[{ signal: AbortSignal }], Todo[]>();
  const create = controlledFunction<[Partial<Todo>, MutationContext], Todo>();
  const update = controlledFunction<[{ id: string; data: Partial<Todo> }, MutationContext], Todo>();
  const remove = controlledFunction<[string, MutationContext], { id: string }>();
  const manager = createOptimisticStoreManager<
    Todo,
    Todo,
    OptimisticStore<Todo>,
    TCreate,
    TUpdate,
    TContext
  >(
    {
      name: "todos",
      queryFn: list.fn,
      mutations: { create: create.fn, update: update.fn, remove: remove.fn },
      ...overrides,
    },
    queryClient,
  );

  /** Answers the oldest unanswered list request with these rows and lets the store merge them. */
  async function answerList(rows: Todo[], index = list.calls.length - 1) {
    list.calls[index]?.resolve(rows);
    await flush();
  }

  /** Creates the manager's first load with these rows. */
  async function loaded(rows: Todo[]) {
    await flush();
    await answerList(rows);
  }

  const visible = () => manager.store.list.map((row) => ({ ...row }));

  return { manager, queryClient, list, create, update, remove, answerList, loaded, visible };
}
