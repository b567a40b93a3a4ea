import { observable, reaction, runInAction, toJS } from "mobx";
import { completedCount, type Row, rowView } from "../data";
import type { Contender } from "./types";

/**
 * The floor for any MobX-based store: an observable map of observable rows, written field by
 * field, with the naive optimistic pattern (apply, then the server's row or the snapshot).
 */
export function createMobxContender(): Contender {
  const rows = observable.map<string, Row>();
  let server: () => readonly Row[] = () => [];
  const disposers: (() => void)[] = [];
  const write = (row: Row) => {
    const target = rows.get(row.id);
    if (target === undefined) rows.set(row.id, row);
    else Object.assign(target, row);
  };

  return {
    name: "mobx map",
    load: (list) => {
      server = list;
      runInAction(() => {
        for (const row of server()) rows.set(row.id, row);
      });
      return Promise.resolve();
    },
    watch: (ids, watchers) => {
      for (const id of ids) {
        disposers.push(
          reaction(
            () => rowView(rows.get(id)),
            (view) => {
              watchers.row(id, view);
            },
          ),
        );
      }
      disposers.push(
        reaction(
          () => completedCount(rows.values()),
          (count) => {
            watchers.list(count);
          },
        ),
      );
    },
    serverUpdate: (row) => {
      runInAction(() => {
        write(row);
      });
      return Promise.resolve();
    },
    refetch: () => {
      runInAction(() => {
        const seen = new Set<string>();
        for (const row of server()) {
          seen.add(row.id);
          write(row);
        }
        for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
      });
      return Promise.resolve();
    },
    edit: async (id, patch, send) => {
      const target = rows.get(id);
      if (target === undefined) return;
      const snapshot = toJS(target);
      runInAction(() => Object.assign(target, patch));
      try {
        const row = await send();
        runInAction(() => {
          write(row);
        });
      } catch {
        runInAction(() => Object.assign(target, snapshot));
      }
    },
    idle: () => Promise.resolve(),
    rows: () => [...rows.values()].map((row) => toJS(row)),
    dispose: () => {
      for (const dispose of disposers) dispose();
    },
  };
}
