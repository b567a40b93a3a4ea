import { describe, expect, it, vi } from "vitest";
import { flush } from "../testing/deferred";
import { type Todo, todo, todoFixture } from "../testing/todoFixture";
import { createCountObserver } from "./createCountObserver";

const done = (id: string, title = id) => todo(id, title, { done: true });

describe("createCountObserver", () => {
  it("follows optimistic changes, their rollback and server data, telling only when the number changes", async () => {
    const { manager, loaded, update, create, remove, answerList } = todoFixture();
    await loaded([todo("a"), done("b"), todo("c")]);
    const completed = createCountObserver(manager, (row) => row.done);
    const told: number[] = [];
    const stop = completed.subscribe(() => told.push(completed.getSnapshot()));
    expect(completed.getSnapshot()).toBe(1);

    const kept = manager.actions.update({ id: "a", data: { done: true } });
    const failed = manager.actions.update({ id: "c", data: { done: true } });
    void manager.actions.update({ id: "a", data: { title: "renamed" } }).catch(() => undefined);
    expect(told).toEqual([2, 3]);

    await flush();
    update.calls[1]?.reject(new Error("500"));
    await expect(failed).rejects.toThrow();
    expect(told).toEqual([2, 3, 2]);
    update.calls[0]?.resolve(done("a"));
    await kept;
    expect(told).toEqual([2, 3, 2]);

    void manager.actions.create({ id: "d", title: "d", done: true }).catch(() => undefined);
    void manager.actions.remove("b").catch(() => undefined);
    expect(told).toEqual([2, 3, 2, 3, 2]);
    await flush();
    expect(create.calls).toHaveLength(1);
    expect(remove.calls).toHaveLength(1);

    manager.applyServerRow(done("e"));
    manager.removeServerRow("a");
    expect(told).toEqual([2, 3, 2, 3, 2, 3, 2]);

    void manager.actions.refetch();
    await flush();
    await answerList([todo("a"), done("b"), done("c"), done("e")]);
    // b's deletion and d's create are still pending on top of the list.
    expect(completed.getSnapshot()).toBe(3);
    expect(completed.getSnapshot()).toBe(manager.store.list.filter((row) => row.done).length);
    stop();
  });

  it("re-tests only the row that changed", async () => {
    const { manager, loaded } = todoFixture();
    const rows = Array.from({ length: 100 }, (_, index) => todo(String(index)));
    await loaded(rows);
    const predicate = vi.fn((row: Readonly<Todo>) => row.done);
    const completed = createCountObserver(manager, predicate);
    const stop = completed.subscribe(() => undefined);
    expect(predicate).toHaveBeenCalledTimes(100);

    predicate.mockClear();
    void manager.actions.update({ id: "42", data: { done: true } }).catch(() => undefined);
    manager.applyServerRow(todo("7", "renamed"));

    expect(completed.getSnapshot()).toBe(1);
    expect(predicate.mock.calls.map(([row]) => row.id)).toEqual(["42", "7"]);
    stop();
  });

  it("counts a create once when the list brought its server row before the create's answer", async () => {
    const { manager, loaded, create, answerList } = todoFixture();
    await loaded([]);
    const completed = createCountObserver(manager, (row) => row.done);
    const told: number[] = [];
    const stop = completed.subscribe(() => told.push(completed.getSnapshot()));

    const creating = manager.actions.create({ id: "tmp", title: "new", done: true });
    await flush();
    void manager.actions.refetch();
    await flush();
    await answerList([done("s1", "new")]);
    expect(manager.store.list.map((row) => row.id)).toEqual(["s1", "tmp"]);
    expect(told).toEqual([1, 2]);

    create.calls[0]?.resolve(done("s1", "new"));
    await creating;

    expect(manager.store.list.map((row) => row.id)).toEqual(["s1"]);
    expect(completed.getSnapshot()).toBe(1);
    expect(told).toEqual([1, 2, 1]);
    stop();
  });

  it("stops watching when the last subscriber leaves, and counts afresh when read meanwhile", async () => {
    const { manager, loaded } = todoFixture();
    await loaded([todo("a"), todo("b")]);
    const predicate = vi.fn((row: Readonly<Todo>) => row.done);
    const completed = createCountObserver(manager, predicate);
    const first = completed.subscribe(() => undefined);
    const second = completed.subscribe(() => undefined);
    first();
    first();
    expect(completed.listenerCount()).toBe(1);
    second();
    expect(completed.listenerCount()).toBe(0);

    predicate.mockClear();
    manager.applyServerRow(done("a"));
    expect(predicate).not.toHaveBeenCalled();
    expect(completed.getSnapshot()).toBe(1);

    const listener = vi.fn();
    const again = completed.subscribe(listener);
    expect(completed.getSnapshot()).toBe(1);
    manager.applyServerRow(done("b"));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(completed.getSnapshot()).toBe(2);
    again();
  });

  it("counts a row whose predicate throws as not matching, reports it, and leaves the store alone", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { manager, loaded, visible } = todoFixture();
    await loaded([todo("a"), done("b")]);
    const completed = createCountObserver(manager, (row) => {
      if (row.title === "boom") throw new Error("predicate failed");
      return row.done;
    });
    const stop = completed.subscribe(() => undefined);

    manager.applyServerRow(done("b", "boom"));
    manager.applyServerRow(done("a"));

    expect(completed.getSnapshot()).toBe(1);
    expect(visible()).toEqual([done("a"), done("b", "boom")]);
    expect(consoleError).toHaveBeenCalledWith(
      "[aos] The count predicate callback threw; the store is unaffected.",
      expect.objectContaining({ message: "predicate failed" }),
    );
    stop();
  });

  it("counts truthy results, as Array.prototype.filter does", async () => {
    const { manager, loaded } = todoFixture();
    await loaded([todo("a", ""), todo("b", "titled")]);
    const titled = createCountObserver(manager, (row) => row.title);

    expect(titled.getSnapshot()).toBe(1);
  });

  it("drops to zero when the store is cleared", async () => {
    const { manager, loaded } = todoFixture();
    await loaded([done("a"), done("b")]);
    const completed = createCountObserver(manager, (row) => row.done);
    const listener = vi.fn();
    const stop = completed.subscribe(listener);

    manager.disable({ clear: true });

    expect(completed.getSnapshot()).toBe(0);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });
});
