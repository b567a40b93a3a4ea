/** The benchmark's entity, the same for every contender. */
export interface Row {
  id: string;
  title: string;
  completed: boolean;
  updatedAt: string;
  tags: string[];
}

/** A small seeded PRNG (mulberry32): every contender sees the same inputs. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ["home", "work", "errand", "later", "urgent"];
const BASE_TIME = Date.UTC(2026, 0, 1);

export const rowId = (index: number) => `row-${index.toString().padStart(6, "0")}`;
export const stamp = (tick: number) => new Date(BASE_TIME + tick * 1000).toISOString();

/** The server's rows at the start of every workload. */
export function initialRows(n: number): Row[] {
  return Array.from({ length: n }, (_, index) => ({
    id: rowId(index),
    title: `Row ${index}`,
    completed: index % 3 === 0,
    updatedAt: stamp(0),
    tags: [TAGS[index % TAGS.length] ?? "home"],
  }));
}

/** The rows that have a row subscriber: `count` of them, spread evenly. */
export function watchedIds(n: number, count: number): string[] {
  const step = Math.max(1, Math.floor(n / count));
  return Array.from({ length: Math.min(count, n) }, (_, index) => rowId(index * step));
}

/** `count` server updates of random rows: a new title, every fifth also flips `completed`. */
export function updateEvents(rows: readonly Row[], count: number, seed: number): Row[] {
  const next = random(seed);
  const current = new Map(rows.map((row) => [row.id, row]));
  const events: Row[] = [];
  for (let index = 0; index < count; index++) {
    const id = rowId(Math.floor(next() * rows.length));
    const before = current.get(id);
    if (before === undefined) throw new Error(`No row ${id}.`);
    const row: Row = {
      ...before,
      title: `${before.title.split(" #")[0] ?? ""} #${index}`,
      completed: index % 5 === 0 ? !before.completed : before.completed,
      updatedAt: stamp(index + 1),
    };
    current.set(id, row);
    events.push(row);
  }
  return events;
}

/** What a subscriber that reads a row sees: the ideal number of callbacks counts its changes. */
export const rowView = (row: Row | undefined) =>
  row === undefined ? "" : `${row.title}|${String(row.completed)}|${row.tags.join(",")}`;

export const completedCount = (rows: Iterable<Row>) => {
  let count = 0;
  for (const row of rows) if (row.completed) count++;
  return count;
};

/** Subscriber callbacks a perfect store would make for `changes` applied in order to `rows`. */
export function idealCallbacks(
  rows: readonly Row[],
  watched: readonly string[],
  batches: readonly (readonly Row[])[],
): number {
  const current = new Map(rows.map((row) => [row.id, row]));
  const watchedSet = new Set(watched);
  let callbacks = 0;
  let count = completedCount(current.values());
  for (const batch of batches) {
    const changedWatched = new Set<string>();
    for (const row of batch) {
      if (watchedSet.has(row.id) && rowView(current.get(row.id)) !== rowView(row))
        changedWatched.add(row.id);
      current.set(row.id, row);
    }
    callbacks += changedWatched.size;
    const after = completedCount(current.values());
    if (after !== count) callbacks++;
    count = after;
  }
  return callbacks;
}
