import { observable, runInAction } from "mobx";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MutationError, ValidationError } from "../errors";
import { flush } from "../testing/deferred";
import { todo, todoFixture } from "../testing/todoFixture";
import { createFormObserver } from "./createFormObserver";
import { createObserver } from "./createObserver";
import {
  createEntityObserver,
  createListObserver,
  createPendingObserver,
  createStatusObserver,
} from "./managerObservers";
import { createRealtime } from "../realtime/RealtimeExtension";

describe("createObserver", () => {
  it("notifies on changes only while subscribed, with a stable snapshot in between", () => {
    const box = observable.box(1);
    const observer = createObserver(() => box.get() * 2);
    const listener = vi.fn();

    expect(observer.getSnapshot()).toBe(2);
    const stop = observer.subscribe(listener);
    runInAction(() => {
      box.set(2);
    });
    runInAction(() => {
      box.set(2);
    });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(observer.getSnapshot()).toBe(4);
    expect(observer.listenerCount()).toBe(1);

    stop();
    runInAction(() => {
      box.set(3);
    });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(observer.listenerCount()).toBe(0);
    expect(observer.getSnapshot()).toBe(6);
  });

  it("reports a listener that throws and still tells the others, then and on later changes", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const box = observable.box(1);
    const observer = createObserver(() => box.get());
    const broken = new Error("render failed");
    const seen: number[] = [];
    const stops = [
      observer.subscribe(() => {
        throw broken;
      }),
      observer.subscribe(() => seen.push(observer.getSnapshot())),
    ];

    runInAction(() => {
      box.set(2);
    });
    runInAction(() => {
      box.set(3);
    });

    expect(seen).toEqual([2, 3]);
    expect(consoleError).toHaveBeenCalledTimes(2);
    expect(consoleError).toHaveBeenCalledWith(expect.stringMatching(/^\[aos\] .*listener/), broken);
    for (const stop of stops) stop();
    consoleError.mockRestore();
  });

  it("keeps one snapshot while values stay equal, even unsubscribed", () => {
    const box = observable.box([1, 2]);
    const observer = createObserver(
      () => [...box.get()],
      (a, b) => a.join() === b.join(),
    );

    expect(observer.getSnapshot()).toBe(observer.getSnapshot());
  });
});

describe("manager observers", () => {
  it("changes the list only when rows come and go, and a row only when its fields change", async () => {
    const { manager, loaded } = todoFixture();
    await loaded([todo("a"), todo("b")]);
    const list = createListObserver(manager);
    const a = createEntityObserver(manager, "a");
    const b = createEntityObserver(manager, "b");
    const seen = { list: 0, a: 0, b: 0 };
    const stops = [
      list.subscribe(() => seen.list++),
      a.subscribe(() => seen.a++),
      b.subscribe(() => seen.b++),
    ];
    const firstList = list.getSnapshot();

    void manager.actions.update({ id: "a", data: { title: "A" } }).catch(() => undefined);
    expect(seen).toEqual({ list: 0, a: 1, b: 0 });
    expect(a.getSnapshot()).toEqual(todo("a", "A"));
    expect(Object.isFrozen(a.getSnapshot())).toBe(true);
    expect(list.getSnapshot()).toBe(firstList);

    void manager.actions.create({ id: "c", title: "c", done: false }).catch(() => undefined);
    expect(seen).toEqual({ list: 1, a: 1, b: 0 });
    expect(list.getSnapshot().map((row) => row.id)).toEqual(["a", "b", "c"]);
    expect(createEntityObserver(manager, "zzz").getSnapshot()).toBeUndefined();
    for (const stop of stops) stop();
  });

  it("tells whether a row has changes waiting, until the server confirms one that changed nothing", async () => {
    const { manager, loaded, update } = todoFixture();
    await loaded([todo("a"), todo("b")]);
    const pending = createPendingObserver(manager, "a");
    const seen: boolean[] = [];
    const stop = pending.subscribe(() => seen.push(pending.getSnapshot()));

    const saved = manager.actions.update({ id: "a", data: { title: "A" } });
    void manager.actions.update({ id: "b", data: { title: "B" } }).catch(() => undefined);
    expect(pending.getSnapshot()).toBe(true);
    await flush();
    // The server answers with the row already shown: no field changes, the row settles.
    update.calls[0]?.resolve(todo("a", "A"));
    await saved;
    expect(pending.getSnapshot()).toBe(false);
    expect(seen).toEqual([true, false]);
    stop();
  });

  it("reflects status, including the realtime connection", async () => {
    const { manager, loaded } = todoFixture({ realtime: createRealtime() });
    const status = createStatusObserver(manager);
    const listener = vi.fn();
    const stop = status.subscribe(listener);
    await loaded([todo("a")]);

    void manager.actions.update({ id: "a", data: { done: true } }).catch(() => undefined);

    expect(status.getSnapshot()).toMatchObject({
      isLoading: false,
      hasPendingMutations: true,
      updatePending: true,
      pendingCount: 1,
      isConnected: false,
    });
    expect(listener).toHaveBeenCalled();
    stop();
  });
});

describe("createFormObserver", () => {
  const schemas = {
    create: z.object({ title: z.string().min(1, "Required"), done: z.boolean().default(false) }),
    update: z.object({ title: z.string().min(1, "Required") }).partial(),
  };

  it("shows the schema's field issues and sends nothing", async () => {
    const { manager, create, loaded } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create", initialValues: { title: "" } });

    const result = await form.submit();

    expect(result).toBeUndefined();
    expect(form.getSnapshot()).toMatchObject({
      issues: { title: ["Required"] },
      submitting: false,
      error: null,
    });
    await flush();
    expect(create.calls).toHaveLength(0);

    form.setValue("title", "Buy milk");
    expect(form.getSnapshot().issues).toEqual({});
  });

  it("submits a create, clears on success, and keeps its values with the error on failure", async () => {
    const { manager, create, loaded, visible } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    form.setValues({ title: "Buy milk" });

    const submitting = form.submit();
    expect(form.getSnapshot().submitting).toBe(true);
    expect(await form.submit()).toBeUndefined();
    expect(visible()).toMatchObject([{ title: "Buy milk" }]);
    await flush();
    create.calls[0]?.resolve(todo(create.calls[0].args[0].id!, "Buy milk"));
    await expect(submitting).resolves.toMatchObject({ title: "Buy milk" });
    expect(form.getSnapshot()).toEqual({ values: {}, issues: {}, submitting: false, error: null });

    form.setValue("title", "Doomed");
    const failing = form.submit();
    await flush();
    create.calls[1]?.reject(new Error("500"));
    await failing;
    expect(form.getSnapshot()).toMatchObject({ values: { title: "Doomed" }, submitting: false });
    expect(form.getSnapshot().error?.message).toMatch(/failed/);

    form.reset({ title: "fresh" });
    expect(form.getSnapshot()).toEqual({
      values: { title: "fresh" },
      issues: {},
      submitting: false,
      error: null,
    });
  });

  it("shows a server's refusal by field when the mutation function throws a ValidationError", async () => {
    const { manager, create, loaded, visible } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    form.setValue("title", "Buy milk");
    const submitting = form.submit();
    await flush();
    create.calls[0]?.reject(
      new ValidationError("create", [{ path: ["title"], message: "Already on the list" }]),
    );

    expect(await submitting).toBeUndefined();
    expect(form.getSnapshot()).toEqual({
      values: { title: "Buy milk" },
      issues: { title: ["Already on the list"] },
      submitting: false,
      error: null,
    });
    // The change was shown, sent and refused: rolled back like any failed request.
    expect(visible()).toEqual([]);
    expect(manager.status.error).toBeInstanceOf(MutationError);
    form.setValue("title", "Buy oat milk");
    expect(form.getSnapshot().issues).toEqual({});
  });

  it("shows a server's refusal without issues as the submit's error, not as nothing", async () => {
    const { manager, create, loaded } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    form.setValue("title", "Buy milk");
    const submitting = form.submit();
    await flush();
    create.calls[0]?.reject(new ValidationError("create", []));

    expect(await submitting).toBeUndefined();
    expect(form.getSnapshot()).toMatchObject({ issues: {}, submitting: false });
    expect(form.getSnapshot().error?.message).toMatch(/rejected by its schema/);
  });

  it("keeps what was typed while its create was in flight, and clears what was only set again", async () => {
    const { manager, create, loaded } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    form.setValue("title", "Buy milk");
    const first = form.submit();
    form.setValue("title", "Walk d");
    await flush();
    create.calls[0]?.resolve(todo(create.calls[0].args[0].id!, "Buy milk"));
    await first;
    expect(form.getSnapshot()).toEqual({
      values: { title: "Walk d" },
      issues: {},
      submitting: false,
      error: null,
    });

    const second = form.submit();
    form.setValue("title", "Walk d");
    await flush();
    create.calls[1]?.resolve(todo(create.calls[1].args[0].id!, "Walk d"));
    await second;
    expect(form.getSnapshot()).toEqual({ values: {}, issues: {}, submitting: false, error: null });
  });

  it("updates one row", async () => {
    const { manager, update, loaded } = todoFixture({ schemas });
    await loaded([todo("a")]);
    const form = createFormObserver(manager, {
      kind: "update",
      id: "a",
      initialValues: { title: "a" },
    });
    form.setValue("title", "A");

    const submitting = form.submit();
    expect(manager.store.get("a")?.title).toBe("A");
    await flush();
    update.calls[0]?.resolve(todo("a", "A"));

    await expect(submitting).resolves.toMatchObject({ title: "A" });
    expect(form.getSnapshot().values).toEqual({ title: "A" });
    form.reset();
    expect(form.getSnapshot().values).toEqual({ title: "A" });
  });

  it("makes what a successful save sent its baseline: reset() returns to it, and a revert is sent", async () => {
    const { manager, update, loaded } = todoFixture({ schemas });
    await loaded([todo("a")]);
    const form = createFormObserver(manager, {
      kind: "update",
      id: "a",
      initialValues: { title: "a" },
    });
    form.setValue("title", "A");
    const saving = form.submit();
    await flush();
    update.calls[0]?.resolve(todo("a", "A"));
    await saving;

    form.setValue("title", "typo");
    form.reset();
    expect(form.getSnapshot().values).toEqual({ title: "A" });

    // Typing the old title back is a change from what is saved: it is sent.
    form.setValue("title", "a");
    void form.submit();
    await flush();
    expect(update.calls[1]?.args[0]).toEqual({ id: "a", data: { title: "a" } });
    update.calls[1]?.resolve(todo("a", "a"));
    await flush();
  });

  it("sends only the fields that changed, so another user's change to the others stays", async () => {
    const { manager, update, loaded } = todoFixture();
    await loaded([todo("a")]);
    const form = createFormObserver(manager, {
      kind: "update",
      id: "a",
      initialValues: { title: "a", done: false },
    });
    form.setValues({ title: "A", done: false });
    const first = form.submit();
    // Somebody else ticks the row meanwhile: the pending rename must not undo it.
    manager.applyServerRow(todo("a", "a", { done: true }));
    expect(manager.store.get("a")).toMatchObject({ title: "A", done: true });
    await flush();
    expect(update.calls[0]?.args[0]).toEqual({ id: "a", data: { title: "A" } });
    update.calls[0]?.resolve(todo("a", "A", { done: true }));
    await expect(first).resolves.toMatchObject({ title: "A", done: true });

    // What was sent is the new starting point: the next submit sends only what changed since.
    form.setValue("done", true);
    const second = form.submit();
    await flush();
    expect(update.calls[1]?.args[0]).toEqual({ id: "a", data: { done: true } });
    update.calls[1]?.resolve(todo("a", "A", { done: true }));
    await second;

    // Nothing changed: nothing is sent, nothing is pending.
    await expect(form.submit()).resolves.toBeUndefined();
    expect(update.calls).toHaveLength(2);
    expect(manager.store.isPending("a")).toBe(false);
    expect(form.getSnapshot().submitting).toBe(false);

    // A reset to fresh values starts from them.
    form.reset({ title: "B", done: true });
    form.setValue("title", "C");
    void form.submit();
    await flush();
    expect(update.calls[2]?.args[0]).toEqual({ id: "a", data: { title: "C" } });
    update.calls[2]?.resolve(todo("a", "C", { done: true }));
    await flush();
  });

  it("clears a failed save's error when the values are typed back and saved: nothing to send", async () => {
    const { manager, update, loaded } = todoFixture();
    await loaded([todo("a")]);
    const form = createFormObserver(manager, {
      kind: "update",
      id: "a",
      initialValues: { title: "a" },
    });
    const listener = vi.fn();
    const stop = form.subscribe(listener);
    form.setValue("title", "A");
    const failing = form.submit();
    await flush();
    update.calls[0]?.reject(new Error("500"));
    await failing;
    expect(form.getSnapshot().error).toBeInstanceOf(MutationError);

    form.setValue("title", "a");
    await expect(form.submit()).resolves.toBeUndefined();
    expect(form.getSnapshot()).toEqual({
      values: { title: "a" },
      issues: {},
      submitting: false,
      error: null,
    });
    // Saved again with nothing to send and nothing to clear: no new snapshot.
    const told = listener.mock.calls.length;
    await form.submit();
    expect(listener).toHaveBeenCalledTimes(told);
    expect(update.calls).toHaveLength(1);
    stop();
  });

  it("compares with the values a reset was given as they were, though the row they came from changes", async () => {
    const { manager, update, loaded } = todoFixture();
    await loaded([todo("a")]);
    const form = createFormObserver(manager, { kind: "update", id: "a" });
    // The row arrives: the form starts again from it, here the store's own (live) row.
    form.reset(manager.store.get("a"));
    // Somebody else renames it meanwhile; the user only ticks it.
    manager.applyServerRow(todo("a", "renamed"));
    form.setValue("done", true);

    const submitting = form.submit();
    await flush();
    expect(update.calls[0]?.args[0]).toEqual({ id: "a", data: { done: true } });
    update.calls[0]?.resolve(todo("a", "renamed", { done: true }));
    await submitting;
    expect(manager.store.get("a")).toMatchObject({ title: "renamed", done: true });
  });

  it("ignores a submit that a reset overtook: its result neither clears nor flags the new values", async () => {
    const { manager, create, loaded } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    form.setValue("title", "First");
    const first = form.submit();
    form.reset();
    form.setValue("title", "Second");
    await flush();
    create.calls[0]?.resolve(todo(create.calls[0].args[0].id!, "First"));
    await expect(first).resolves.toMatchObject({ title: "First" });
    expect(form.getSnapshot()).toEqual({
      values: { title: "Second" },
      issues: {},
      submitting: false,
      error: null,
    });

    const second = form.submit();
    form.reset({ title: "Third" });
    await flush();
    create.calls[1]?.reject(new Error("500"));
    await second;
    expect(form.getSnapshot()).toEqual({
      values: { title: "Third" },
      issues: {},
      submitting: false,
      error: null,
    });
  });

  it("resets and clears after a create without MobX strict-mode warnings while it is shown", async () => {
    const consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { manager, create, loaded } = todoFixture({ schemas });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    const listener = vi.fn();
    const stop = form.subscribe(listener);

    form.setValue("title", "Typo");
    form.reset();
    expect(form.getSnapshot().values).toEqual({});
    form.setValue("title", "Buy milk");
    const submitting = form.submit();
    await flush();
    create.calls[0]?.resolve(todo(create.calls[0].args[0].id!, "Buy milk"));
    await submitting;

    expect(form.getSnapshot()).toEqual({ values: {}, issues: {}, submitting: false, error: null });
    expect(listener).toHaveBeenCalledTimes(5);
    expect(consoleWarn).not.toHaveBeenCalled();
    consoleWarn.mockRestore();
    stop();
  });

  it("sends nothing when the manager is destroyed while an async schema checks the input", async () => {
    const { manager, create, loaded } = todoFixture({
      schemas: { create: z.object({ title: z.string().refine(() => Promise.resolve(true)) }) },
    });
    await loaded([]);
    const form = createFormObserver(manager, { kind: "create" });
    form.setValue("title", "Buy milk");

    const submitting = form.submit();
    manager.destroy();
    await flush();

    expect(create.calls).toHaveLength(0);
    expect(await submitting).toBeUndefined();
    expect(manager.store.count).toBe(0);
    expect(manager.store.pendingMutations).toEqual([]);
    expect(form.getSnapshot()).toMatchObject({ values: { title: "Buy milk" }, submitting: false });
    expect(form.getSnapshot().error?.message).toMatch(/destroyed/);
  });

  it("clears the issues under a field when that field changes", async () => {
    const { manager, loaded } = todoFixture({
      schemas: {
        create: z.object({ title: z.string(), tags: z.array(z.string().min(1, "Empty")) }),
      },
    });
    await loaded([]);
    const form = createFormObserver(manager, {
      kind: "create",
      initialValues: { title: "x", tags: [""] },
    });
    await form.submit();
    expect(form.getSnapshot().issues).toEqual({ "tags.0": ["Empty"] });

    form.setValue("title", "y");
    expect(form.getSnapshot().issues).toEqual({ "tags.0": ["Empty"] });
    form.setValues({ tags: ["ok"] });
    expect(form.getSnapshot().issues).toEqual({});
  });
});
