import {
  completedCount,
  idealCallbacks,
  initialRows,
  type Row,
  rowId,
  rowView,
  stamp,
  updateEvents,
  watchedIds,
} from "./data";
import { type Contender, macrotask } from "./contenders/types";
import { median, quantile } from "./stats";

export interface Measurement {
  readonly workload: string;
  readonly contender: string;
  /** `false` when the final state differs from the server's: the figures then mean nothing. */
  readonly correct: boolean;
  readonly problem?: string;
  readonly metrics: Record<string, number>;
}

export interface WorkloadOptions {
  readonly n: number;
  readonly watched: number;
  readonly events: number;
  readonly edits: number;
}

const SEED = 20_261_122;

/** Counts subscriber callbacks and remembers what each subscriber was last told. */
function counted(contender: Contender, ids: readonly string[], rows: readonly Row[]) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seen = {
    calls: 0,
    rows: new Map(ids.map((id) => [id, rowView(byId.get(id))])),
    completed: completedCount(rows),
  };
  contender.watch(ids, {
    row: (id, view) => {
      seen.calls++;
      seen.rows.set(id, view);
    },
    list: (completed) => {
      seen.calls++;
      seen.completed = completed;
    },
  });
  return seen;
}

type Seen = ReturnType<typeof counted>;

/** Whether the subscribers were last told what the server has. */
function checkSubscribers(seen: Seen, truth: ReadonlyMap<string, Row>): string | undefined {
  for (const [id, view] of seen.rows) {
    const expected = rowView(truth.get(id));
    if (view !== expected) return `the subscriber of ${id} was last told ${view}, not ${expected}`;
  }
  const completed = completedCount(truth.values());
  return seen.completed === completed
    ? undefined
    : `the list subscriber was last told ${seen.completed} completed, not ${completed}`;
}

/** Compares what the contender shows with the server's rows, by id. */
function check(shown: readonly Row[], truth: ReadonlyMap<string, Row>): string | undefined {
  if (shown.length !== truth.size)
    return `shows ${shown.length} rows, the server has ${truth.size}`;
  for (const row of shown) {
    const expected = truth.get(row.id);
    if (expected === undefined) return `shows ${row.id}, which the server does not have`;
    if (
      row.title !== expected.title ||
      row.completed !== expected.completed ||
      row.updatedAt !== expected.updatedAt ||
      row.tags.join() !== expected.tags.join()
    ) {
      return `${row.id} shows ${JSON.stringify(row)}, the server has ${JSON.stringify(expected)}`;
    }
  }
  return undefined;
}

function result(
  workload: string,
  contender: Contender,
  truth: ReadonlyMap<string, Row>,
  metrics: Record<string, number>,
  seen: Seen,
): Measurement {
  const problem = check(contender.rows(), truth) ?? checkSubscribers(seen, truth);
  return problem === undefined
    ? { workload, contender: contender.name, correct: true, metrics }
    : { workload, contender: contender.name, correct: false, problem, metrics };
}

/** Realtime ingest: server update events, one per task. */
export async function ingest(contender: Contender, options: WorkloadOptions): Promise<Measurement> {
  const rows = initialRows(options.n);
  const watched = watchedIds(options.n, options.watched);
  const events = updateEvents(rows, options.events, SEED);
  await contender.load(() => rows);
  const seen = counted(contender, watched, rows);

  const durations: number[] = [];
  for (const event of events) {
    await macrotask();
    const start = performance.now();
    await contender.serverUpdate(event);
    durations.push(performance.now() - start);
  }
  const total = durations.reduce((sum, value) => sum + value, 0);
  const truth = new Map(rows.map((row) => [row.id, row]));
  for (const event of events) truth.set(event.id, event);
  return result(
    "realtime ingest",
    contender,
    truth,
    {
      eventsPerSecond: events.length / (total / 1000),
      p99Ms: quantile(durations, 0.99),
      callbacks: seen.calls,
      idealCallbacks: idealCallbacks(
        rows,
        watched,
        events.map((event) => [event]),
      ),
    },
    seen,
  );
}

/**
 * Refetch reconcile: rounds of fresh lists, each differing from the last in ten rows (five
 * of them watched). The first rounds run a cold JIT; the median round is reported.
 */
export async function reconcile(
  contender: Contender,
  options: WorkloadOptions,
): Promise<Measurement> {
  const rounds = 10;
  const rows = initialRows(options.n);
  const watched = watchedIds(options.n, options.watched);
  const lists: Row[][] = [];
  let previous = rows;
  for (let round = 0; round < rounds; round++) {
    const changed = new Set([
      ...[0, 1, 2, 3, 4].map((index) => watched[(round * 5 + index) % watched.length] ?? ""),
      ...[1, 2, 3, 4, 5].map((index) => rowId(round * 5 + index)),
    ]);
    const fresh = previous.map((row, index) =>
      changed.has(row.id)
        ? {
            ...row,
            title: `${row.title.split(" (")[0] ?? ""} (refetched ${round})`,
            completed: index % 2 === 0 ? !row.completed : row.completed,
            updatedAt: stamp(round + 1),
            tags: [...row.tags],
          }
        : { ...row, tags: [...row.tags] },
    );
    lists.push(fresh);
    previous = fresh;
  }
  let server: readonly Row[] = rows;
  await contender.load(() => server);
  const seen = counted(contender, watched, rows);

  const durations: number[] = [];
  for (const list of lists) {
    server = list;
    const start = performance.now();
    await contender.refetch();
    durations.push(performance.now() - start);
  }
  return result(
    "refetch reconcile",
    contender,
    new Map(previous.map((row) => [row.id, row])),
    {
      ms: median(durations),
      callbacks: seen.calls,
      idealCallbacks: idealCallbacks(rows, watched, lists),
    },
    seen,
  );
}

export type EditMode = "concurrent" | "concurrent, every 10th rejected" | "one at a time";

/** Optimistic round trips: edits answered by a server one task later, some rejected. */
export async function roundTrips(
  contender: Contender,
  options: WorkloadOptions,
  mode: EditMode,
): Promise<Measurement> {
  const rows = initialRows(options.n);
  const truth = new Map(rows.map((row) => [row.id, row]));
  await contender.load(() => [...truth.values()]);
  const seen = counted(contender, watchedIds(options.n, options.watched), rows);

  const step = Math.max(1, Math.floor(options.n / options.edits));
  let tick = 1;
  const edit = (index: number) => {
    const id = rowId(index * step);
    const before = truth.get(id);
    if (before === undefined) throw new Error(`No row ${id}.`);
    const patch = { title: `Edited ${index}`, completed: !before.completed };
    const send = async (): Promise<Row> => {
      await macrotask();
      if (mode === "concurrent, every 10th rejected" && index % 10 === 9) {
        throw new Error(`Rejected edit ${index}`);
      }
      const row = { ...before, ...truth.get(id), ...patch, updatedAt: stamp(tick++) };
      truth.set(id, row);
      return row;
    };
    return contender.edit(id, patch, send);
  };

  const indexes = Array.from({ length: Math.min(options.edits, options.n) }, (_, index) => index);
  const start = performance.now();
  if (mode === "one at a time") {
    for (const index of indexes) await edit(index);
  } else {
    await Promise.all(indexes.map(edit));
  }
  await contender.idle();
  const ms = performance.now() - start;
  return result(`optimistic round trips, ${mode}`, contender, truth, { ms }, seen);
}

/** Retained heap for `n` rows with their subscribers (needs `--expose-gc`). */
export async function memory(
  create: () => Contender,
  options: WorkloadOptions,
): Promise<Measurement> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("The memory workload needs node --expose-gc.");
  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      gc();
      await macrotask();
    }
    return process.memoryUsage().heapUsed;
  };
  const before = await settle();
  const contender = create();
  const rows = initialRows(options.n);
  await contender.load(() => rows);
  const seen = counted(contender, watchedIds(options.n, options.watched), rows);
  const after = await settle();
  const truth = new Map(initialRows(options.n).map((row) => [row.id, row]));
  return result("memory", contender, truth, { retainedMB: (after - before) / 1024 / 1024 }, seen);
}
