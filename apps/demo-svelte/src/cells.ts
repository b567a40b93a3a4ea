import { type CheckboxRow, checkboxCreate, checkboxUpdate } from "@aos/app-schemas";
import {
  createObserver,
  createOptimisticStoreManager,
  OptimisticStore,
  type OptimisticStoreOptions,
} from "@aos/core";
import { ApiRequestError, rememberFailure, request } from "@aos/demo-kit";
import { toStore } from "@aos/svelte";
import { createTransformer, TransformError } from "@aos/transforms";
import { computed, makeObservable } from "mobx";
import { createRealtime } from "@aos/core/realtime";

/** A grid cell as the UI sees it: camelCase names and real `Date`s. */
export interface Cell {
  id: string;
  x: number;
  y: number;
  checked: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function toDate(value: unknown, field: string): Date {
  const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new TransformError(
      "INVALID_DATE",
      `${field} must be an ISO date string, got ${JSON.stringify(value)}.`,
      `$.${field}`,
    );
  }
  return date;
}

/**
 * The advanced part of this demo: the grid's API speaks snake_case with string timestamps,
 * the UI camelCase with `Date`s. A bad date is refused with a `TransformError`, so a
 * malformed realtime event is dropped instead of storing an Invalid Date.
 */
export const cellTransformer = createTransformer({
  toUi: (api: CheckboxRow): Cell => ({
    id: api.id,
    x: api.x,
    y: api.y,
    checked: api.checked,
    version: api.version,
    createdAt: toDate(api.created_at, "created_at"),
    updatedAt: toDate(api.updated_at, "updated_at"),
  }),
  toApi: (cell) => ({
    id: cell.id,
    x: cell.x,
    y: cell.y,
    checked: cell.checked,
    version: cell.version,
    created_at: cell.createdAt.toISOString(),
    updated_at: cell.updatedAt.toISOString(),
  }),
});

const position = (x: number, y: number) => `${x},${y}`;

/**
 * One id per cell, so two windows that create the same cell create the same row (and the
 * second create becomes an update, see `create` below).
 */
export function cellId(x: number, y: number): string {
  return `00000000-0000-4000-8000-${(y * 1000 + x).toString().padStart(12, "0")}`;
}

/** The store with a derived index: cells by position, recomputed only when rows come or go. */
export class GridStore extends OptimisticStore<Cell> {
  constructor(options: OptimisticStoreOptions<Cell>) {
    super(options);
    makeObservable(this, { byPosition: computed, lastChange: computed });
  }

  get byPosition(): ReadonlyMap<string, Cell> {
    return new Map(this.list.map((cell) => [position(cell.x, cell.y), cell]));
  }

  cellAt(x: number, y: number): Cell | undefined {
    return this.byPosition.get(position(x, y));
  }

  /** When anyone last changed the grid (a `Date`, thanks to the transformer). */
  get lastChange(): Date | undefined {
    let last: Date | undefined;
    for (const cell of this.list)
      if (last === undefined || cell.updatedAt > last) last = cell.updatedAt;
    return last;
  }
}

/** The shared grid's store manager; connect a transport to its `realtime`. */
export function createGridManager() {
  const grid = createOptimisticStoreManager({
    name: "checkboxes",
    queryFn: () => request<CheckboxRow[]>("GET", "/api/checkboxes"),
    mutations: {
      create: async (data, context) => {
        try {
          return await request<CheckboxRow>("POST", "/api/checkboxes", data, context);
        } catch (error) {
          // Another window created this cell first, under the same id: set it instead.
          if (!(error instanceof ApiRequestError && error.status === 409) || data.id === undefined)
            throw error;
          return request<CheckboxRow>(
            "PATCH",
            `/api/checkboxes/${data.id}`,
            { checked: data.checked },
            context,
          );
        }
      },
      update: ({ id, data }, context) =>
        request<CheckboxRow>("PATCH", `/api/checkboxes/${id}`, data, context),
    },
    schemas: { create: checkboxCreate, update: checkboxUpdate },
    transformer: cellTransformer,
    storeClass: GridStore,
    versionField: "version",
    // A shared board: what someone else just did shows at once, even over a click of yours
    // still in flight (which lands afterwards and is then what everyone sees).
    conflict: "server-wins",
    onError: rememberFailure("checkboxes"),
    optimisticDefaults: {
      createOptimisticUiData: (input): Cell => ({
        // A cell made elsewhere keeps its own id: the create's 409 fallback then sets that row.
        id: input.id ?? grid.store.cellAt(input.x, input.y)?.id ?? cellId(input.x, input.y),
        x: input.x,
        y: input.y,
        checked: input.checked,
        version: 0,
        createdAt: new Date(),
        updatedAt: new Date(),
      }),
      pendingFields: ["version", "createdAt", "updatedAt"],
    },
    realtime: createRealtime(),
  });
  return grid;
}

export type GridManager = ReturnType<typeof createGridManager>;

/** Checks an empty cell (a create) or flips a checked one (an update). */
export function toggle(grid: GridManager, x: number, y: number): Promise<Cell> {
  const cell = grid.store.cellAt(x, y);
  return cell === undefined
    ? grid.actions.create({ x, y, checked: true })
    : grid.actions.update({ id: cell.id, data: { checked: !cell.checked } });
}

/** One cell's view for a component: Svelte stores that change only when that cell does. */
export function cellStores(grid: GridManager, x: number, y: number) {
  return {
    checked: toStore(createObserver(() => grid.store.cellAt(x, y)?.checked ?? false)),
    pending: toStore(
      createObserver(() => {
        const cell = grid.store.cellAt(x, y);
        return cell !== undefined && grid.store.isPending(cell.id);
      }),
    ),
    changedAt: toStore(createObserver(() => grid.store.cellAt(x, y)?.updatedAt)),
  };
}
