import { TransformError } from "./transformError";

/**
 * How a store builds the row it shows while a create is in flight, before the server has
 * answered with the real one.
 *
 * @example
 * const optimisticDefaults: OptimisticDefaults<Todo, { title: string }> = {
 *   createOptimisticUiData: (input) => ({
 *     id: crypto.randomUUID(),
 *     title: input.title,
 *     completed: false,
 *     createdAt: new Date(),
 *   }),
 *   pendingFields: ["createdAt"],
 * };
 */
export interface OptimisticDefaults<TUi, TInput = Partial<TUi>, TContext = unknown> {
  /** Builds the optimistic UI row from the create input and the store's optimistic context. */
  createOptimisticUiData: (input: TInput, context: TContext) => TUi;
  /**
   * Fields whose optimistic values are placeholders until the server confirms the row. A store
   * leaves them out of the create request, matching API names in any case (`createdAt` also
   * leaves out `created_at` and `created-at`).
   */
  pendingFields?: readonly (keyof TUi)[];
}

/**
 * The two-way mapping between what the API sends (`TApi`) and what the UI works with
 * (`TUi`), plus, optionally, how to build an optimistic row for a create.
 *
 * @example
 * const todoTransformer: DataTransformer<TodoApi, Todo> = {
 *   toUi: (api) => ({ id: api.id, title: api.title, dueAt: new Date(api.due_at) }),
 *   toApi: (ui) => ({ id: ui.id, title: ui.title, due_at: ui.dueAt.toISOString() }),
 * };
 */
export interface DataTransformer<TApi, TUi, TInput = Partial<TUi>> {
  /** API shape to UI shape. Must not mutate its argument. */
  toUi: (api: TApi) => TUi;
  /** UI shape to API shape. Must not mutate its argument. */
  toApi: (ui: TUi) => TApi;
  optimisticDefaults?: OptimisticDefaults<TUi, TInput>;
}

/**
 * Defines a transformer from two functions, inferring both shapes: `TApi` from `toUi`'s
 * parameter, `TUi` from what `toUi` returns. `toApi` is then checked against both.
 *
 * @example
 * interface TodoApi { id: string; title: string; due_at: string }
 *
 * const todoTransformer = createTransformer({
 *   toUi: (api: TodoApi) => ({ id: api.id, title: api.title, dueAt: new Date(api.due_at) }),
 *   toApi: (ui) => ({ id: ui.id, title: ui.title, due_at: ui.dueAt.toISOString() }),
 * });
 * // DataTransformer<TodoApi, { id: string; title: string; dueAt: Date }>
 */
export function createTransformer<TApi, TUi, TInput = Partial<TUi>>(definition: {
  toUi: (api: TApi) => TUi;
  toApi: (ui: TUi) => NoInfer<TApi>;
  optimisticDefaults?: OptimisticDefaults<NoInfer<TUi>, TInput>;
}): DataTransformer<TApi, TUi, TInput> {
  // Typed as given, but plain JavaScript may pass nothing, or null optimistic defaults.
  type Unchecked = Partial<Omit<typeof definition, "optimisticDefaults">> & {
    optimisticDefaults?: (typeof definition)["optimisticDefaults"] | null;
  };
  const { toUi, toApi, optimisticDefaults } = (definition as Unchecked | null | undefined) ?? {};
  if (typeof toUi !== "function" || typeof toApi !== "function") {
    throw new TransformError(
      "INVALID_TRANSFORMER",
      "createTransformer() needs a toUi and a toApi function.",
    );
  }
  if (
    optimisticDefaults !== undefined &&
    typeof optimisticDefaults?.createOptimisticUiData !== "function"
  ) {
    throw new TransformError(
      "INVALID_TRANSFORMER",
      "optimisticDefaults.createOptimisticUiData must be a function.",
    );
  }
  return Object.freeze(
    optimisticDefaults === undefined ? { toUi, toApi } : { toUi, toApi, optimisticDefaults },
  );
}
