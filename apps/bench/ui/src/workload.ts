import { random, type Row, stamp } from "../../src/data";
import { rowText } from "./rowLine";

/** One update per row, in a seeded random order: a new title and `updatedAt`. */
export function oneUpdatePerRow(rows: readonly Row[], seed: number): Row[] {
  const next = random(seed);
  const order = rows.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
  }
  return order.map((rowIndex, tick) => {
    const row = rows[rowIndex];
    if (row === undefined) throw new Error(`No row at ${rowIndex}.`);
    return { ...row, title: `${row.title} #${tick}`, updatedAt: stamp(tick + 1) };
  });
}

/** The server's rows after `updates`. */
export function applied(rows: readonly Row[], updates: readonly Row[]): Row[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of updates) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * Calls `handle` with each item in a task of its own, as socket messages arrive; resolves in
 * the task after the last one. A MessageChannel, not `setTimeout(0)`: nested timers are
 * clamped to 4 ms, which would time the clamp.
 */
export function eachInItsOwnTask<T>(items: readonly T[], handle: (item: T) => void): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    let index = 0;
    channel.port1.onmessage = () => {
      const item = items[index++];
      if (item === undefined) {
        channel.port1.close();
        resolve();
        return;
      }
      handle(item);
      channel.port2.postMessage(null);
    };
    channel.port2.postMessage(null);
  });
}

/** How the rows in a container differ from `rows` (in any order), or `undefined` if they don't. */
export function differenceFrom(rows: readonly Row[]): (container: Element) => string | undefined {
  const expected = new Map(rows.map((row) => [row.id, rowText(row)]));
  return (container) => {
    const items = container.querySelectorAll<HTMLElement>("li[data-id]");
    let wrong = 0;
    let example = "";
    const seen = new Set<string>();
    for (const item of items) {
      const id = item.dataset.id ?? "";
      const want = expected.get(id);
      const shown = item.textContent;
      if (seen.has(id) || want !== shown) {
        if (wrong++ === 0)
          example = seen.has(id) ? `${id} is shown twice` : `shows "${shown}", not "${want ?? ""}"`;
      }
      seen.add(id);
    }
    if (wrong > 0) return `${wrong} of ${items.length} rows differ from the server (${example})`;
    if (items.length !== rows.length) return `${items.length} rows shown, not ${rows.length}`;
    return undefined;
  };
}

/**
 * Checks `done` in each animation frame (where the DOM is what will be painted) until it
 * holds; resolves with that frame's time, or `undefined` after `timeoutMs`.
 */
export function frameWhen(done: () => boolean, timeoutMs: number): Promise<number | undefined> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if (done()) resolve(now);
      else if (now > deadline) resolve(undefined);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}
