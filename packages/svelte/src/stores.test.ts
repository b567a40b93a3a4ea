import { createObserver, createOptimisticStoreManager } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { observable, runInAction } from "mobx";
import { fromStore, get } from "svelte/store";
import { describe, expect, it } from "vitest";
import { entityStore, formStore, listStore, statusStore, toStore } from "./stores";

interface Todo {
  id: string;
  title: string;
}

function manager() {
  return createOptimisticStoreManager<Todo>(
    {
      name: "todos",
      queryFn: () => new Promise<Todo[]>(() => undefined),
      mutations: { update: ({ id, data }) => Promise.resolve({ id, title: data.title ?? "" }) },
      autoStart: false,
    },
    createQueryClient(),
  );
}

describe("Svelte stores", () => {
  it("honour the store contract: the value at once, then every change, until unsubscribed", () => {
    const box = observable.box(1);
    const observer = createObserver(() => box.get());
    const store = toStore(observer);
    const seen: number[] = [];

    const unsubscribe = store.subscribe((value) => seen.push(value));
    runInAction(() => {
      box.set(2);
    });
    unsubscribe();
    runInAction(() => {
      box.set(3);
    });

    expect(seen).toEqual([1, 2]);
    expect(observer.listenerCount()).toBe(0);
    expect(get(store)).toBe(3);
  });

  it("work from runes through fromStore", () => {
    const todos = manager();
    todos.applyServerRow({ id: "a", title: "one" });

    const rows = fromStore(listStore(todos));
    const row = fromStore(entityStore(todos, "a"));
    const status = fromStore(statusStore(todos));

    expect(rows.current.map((todo) => todo.title)).toEqual(["one"]);
    expect(row.current).toEqual({ id: "a", title: "one" });
    // Not started: the status tells what start() will do, load the first list.
    expect(status.current.isLoading).toBe(true);
  });

  it("bind a form to one row's update", async () => {
    const todos = manager();
    todos.applyServerRow({ id: "a", title: "one" });
    const form = formStore(todos, { kind: "update", id: "a", initialValues: { title: "one" } });
    const states: string[] = [];
    const stop = form.subscribe((state) => states.push(String(state.values.title)));

    form.setValue("title", "edited");
    await form.submit();
    stop();

    expect(todos.store.get("a")?.title).toBe("edited");
    expect(states).toContain("edited");
    expect(get(form).submitting).toBe(false);
  });
});
