import type { Row } from "../data";

/** Called by a contender's subscriptions; each has read the data it watches. */
export interface Watchers {
  readonly row: (id: string, view: string) => void;
  readonly list: (completed: number) => void;
}

/**
 * One store under test, driven the way its documentation says: a list under one key, server
 * events, refetches and optimistic edits.
 */
export interface Contender {
  readonly name: string;
  /** Loads the rows as confirmed state from `server`, the list endpoint it fetches from. */
  load(server: () => readonly Row[]): Promise<void>;
  /** One subscriber per watched row (reading its fields) and one for the count of completed. */
  watch(ids: readonly string[], watchers: Watchers): void;
  /** A realtime event carrying the full row; resolves once subscribers have been told. */
  serverUpdate(row: Row): Promise<void>;
  /** Fetches the list again; resolves once merged and subscribers told. */
  refetch(): Promise<void>;
  /** An optimistic edit sent with `send`; resolves once settled, confirmed or rolled back. */
  edit(id: string, patch: Partial<Row>, send: () => Promise<Row>): Promise<void>;
  /** Resolves once no background work (refetches, settling mutations) is left. */
  idle(): Promise<void>;
  /** What the UI would show now. */
  rows(): Row[];
  dispose(): void;
}

export type ContenderFactory = () => Contender;

/** Waits for the next task: what separates events that arrive one per task. */
export const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The server calls of edits in flight, by row id: a contender's `edit` parks its `send`, and
 * the store's mutation function (which only sees the id) takes it.
 */
export function pendingSends() {
  const sends = new Map<string, () => Promise<Row>>();
  return {
    park: (id: string, send: () => Promise<Row>) => {
      sends.set(id, send);
    },
    send: (id: string): Promise<Row> => {
      const send = sends.get(id);
      sends.delete(id);
      return send === undefined
        ? Promise.reject(new Error(`No edit in flight for ${id}.`))
        : send();
    },
  };
}
