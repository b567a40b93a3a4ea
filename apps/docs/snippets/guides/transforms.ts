import { createOptimisticStoreManager } from "@aos/core";
import { createDefaultTransformer, createTransformer, TransformError } from "@aos/transforms";

// #region custom
/** What the API sends: snake_case, timestamps as ISO strings. */
interface TaskRow {
  id: string;
  title: string;
  due_at: string | null;
  updated_at: string;
}
/** What the UI uses: camelCase and real Dates. */
interface Task {
  id: string;
  title: string;
  dueAt: Date | null;
  updatedAt: Date;
}

function toDate(value: string, field: string): Date {
  const date = new Date(value);
  // A bad date refuses the whole row: a malformed event is dropped, not stored.
  if (Number.isNaN(date.getTime())) {
    throw new TransformError("INVALID_DATE", `${field} is not a date: ${value}`, `$.${field}`);
  }
  return date;
}

export const taskTransformer = createTransformer({
  toUi: (row: TaskRow): Task => ({
    id: row.id,
    title: row.title,
    dueAt: row.due_at === null ? null : toDate(row.due_at, "due_at"),
    updatedAt: toDate(row.updated_at, "updated_at"),
  }),
  toApi: (task) => ({
    id: task.id,
    title: task.title,
    due_at: task.dueAt?.toISOString() ?? null,
    updated_at: task.updatedAt.toISOString(),
  }),
  optimisticDefaults: {
    // Its input is what `actions.create` takes (unless a create schema says otherwise).
    createOptimisticUiData: (input: { title: string; dueAt?: Date | null }): Task => ({
      id: crypto.randomUUID(),
      title: input.title,
      dueAt: input.dueAt ?? null,
      updatedAt: new Date(),
    }),
    pendingFields: ["updatedAt"], // set by the server: never sent
  },
});
// #endregion custom

declare const tasksApi: {
  list(): Promise<TaskRow[]>;
  create(row: Partial<TaskRow>): Promise<TaskRow>;
  update(id: string, data: Partial<TaskRow>): Promise<TaskRow>;
};

// #region store
export const tasks = createOptimisticStoreManager({
  name: "tasks",
  queryFn: () => tasksApi.list(),
  mutations: {
    create: (row) => tasksApi.create(row), // receives the API shape
    update: ({ id, data }) => tasksApi.update(id, data), // only the changed API fields
  },
  transformer: taskTransformer,
});

// `create` takes what the optimistic defaults take: a title is required.
export const addTask = (title: string) => tasks.actions.create({ title });

// The store holds UI rows: Dates to compare, not strings to parse.
export const dueToday = () =>
  tasks.store.list.filter((task) => task.dueAt?.toDateString() === new Date().toDateString());
// #endregion store

// #region default
interface Reading {
  id: string;
  takenAt: Date;
  celsius: number;
  label: string;
}
// ISO date strings become Dates, "true"/"false" booleans, numeric strings numbers, and each
// goes back to the server exactly as it came. Per-field rules override the guesswork.
export const readings = createDefaultTransformer<Record<string, unknown>, Reading>({
  fields: { label: false }, // a label of "42" stays the string "42"
});
// #endregion default
