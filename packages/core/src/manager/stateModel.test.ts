// One test per rule of the state model (DESIGN.md, "The state model", rules 1-12).
import { createQueryClient } from "@aos/query-client";
import { getObserverTree, observable, runInAction } from "mobx";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConflictError, InvalidServerResponseError, MutationError } from "../errors";
import { flush } from "../testing/deferred";
import { todo, todoFixture } from "../testing/todoFixture";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("rule 1: an action applies its change synchronously", () => {
  it("shows an update, a create and a delete before their promises are returned", async () => {
    const { manager, loaded, visible } = todoFixture();
    await loaded([todo("a"), todo("b")]);

    const updating = manager.actions.update({ id: "a", data: { title: "A" } });
    expect(manager.store.get("a")?.title).toBe("A");
    const creating = manager.actions.create({ id: "c", title: "C", done: false });
    expect(manager.store.get("c")?.title).toBe("C");
    const removing = manager.actions.remove("b");
    expect(manager.store.has("b")).toBe(false);

    expect(visible()).toEqual([todo("a", "A"), todo("c", "C")]);
    expect(manager.status.pendingCount).toBe(3);
    for (const promise of [updating, creating, removing]) promise.catch(() => undefined);
  });
});

describe("rule 2: success confirms with the server's row", () => {
  it("takes the returned row as confirmed without a refetch", async () => {
    const { manager, list, update, loaded, visible } = todoFixture();
    await loaded([todo("a")]);

    const updating = manager.actions.update({ id: "a", data: { title: "A" } });
    await flush();
    update.calls[0]?.resolve(todo("a", "A (server)", { done: true }));

    await expect(updating).resolves.toEqual(todo("a", "A (server)", { done: true }));
    expect(visible()).toEqual([todo("a", "A (server)", { done: true })]);
    expect(manager.status.hasPendingMutations).toBe(false);
    expect(list.calls).toHaveLength(1);
  });

  it("runs every call as its own TanStack Query mutation", async () => {
    const { manager, queryClient, update, loaded } = todoFixture();
    await loaded([todo("a")]);

    const first = manager.actions.update({ id: "a", data: { title: "1" } });
    const second = manager.actions.update({ id: "a", data: { title: "2" } });
    await flush();

    const mutations = queryClient.getMutationCache().findAll({ mutationKey: ["todos", "update"] });
    expect(mutations).toHaveLength(2);
    expect(mutations.map((mutation) => mutation.state.status)).toEqual(["pending", "pending"]);
    update.calls[1]?.resolve(todo("a", "2"));
    update.calls[0]?.resolve(todo("a", "1"));
    await expect(first).resolves.toMatchObject({ title: "1" });
    await expect(second).resolves.toMatchObject({ title: "2" });
  });
});

describe("rule 3: a failure rolls back only its own mutation", () => {
  it("keeps the second update when the first one fails", async () => {
    const onError = vi.fn();
    const { manager, update, loaded, visible } = todoFixture({ onError });
    await loaded([todo("a")]);

    const first = manager.actions.update({ id: "a", data: { title: "first" } });
    const second = manager.actions.update({ id: "a", data: { done: true } });
    await flush();
    update.calls[0]?.reject(new Error("500"));

    await expect(first).rejects.toMatchObject({
      name: "MutationError",
      kind: "update",
      id: "a",
      cause: new Error("500"),
    });
    expect(visible()).toEqual([todo("a", "a", { done: true })]);
    expect(manager.status.error).toBeInstanceOf(MutationError);
    expect(onError).toHaveBeenCalledWith(manager.status.error);

    update.calls[1]?.resolve(todo("a", "a", { done: true }));
    await second;
    expect(visible()).toEqual([todo("a", "a", { done: true })]);
    expect(manager.status.error).toBeNull();
  });

  it("rolls back a failed create alone while a concurrent create survives", async () => {
    const { manager, create, loaded, visible } = todoFixture();
    await loaded([]);

    const failing = manager.actions.create({ id: "x", title: "x", done: false });
    const passing = manager.actions.create({ id: "y", title: "y", done: false });
    await flush();
    create.calls[0]?.reject(new Error("no"));
    create.calls[1]?.resolve(todo("y"));

    await expect(failing).rejects.toBeInstanceOf(MutationError);
    await expect(passing).resolves.toEqual(todo("y"));
    expect(visible()).toEqual([todo("y")]);
  });

  it("survives an onError callback that throws", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { manager, update, loaded, visible } = todoFixture({
      onError: () => {
        throw new Error("callback bug");
      },
    });
    await loaded([todo("a")]);

    const updating = manager.actions.update({ id: "a", data: { title: "x" } });
    await flush();
    update.calls[0]?.reject(new Error("down"));

    await expect(updating).rejects.toBeInstanceOf(MutationError);
    expect(visible()).toEqual([todo("a")]);
    expect(error).toHaveBeenCalledWith(
      "[aos] The onError callback threw; the store is unaffected.",
      new Error("callback bug"),
    );
  });
});

describe("rule 4: server data rebases the pending log", () => {
  it("applies pending changes on top of a refetch that arrives while they are in flight", async () => {
    const { manager, list, update, loaded, visible } = todoFixture();
    await loaded([todo("a"), todo("b")]);

    const updating = manager.actions.update({ id: "a", data: { done: true } });
    const refetching = manager.actions.refetch();
    await flush();
    list.calls[1]?.resolve([todo("a", "renamed elsewhere"), todo("b"), todo("c")]);
    await refetching;

    expect(visible()).toEqual([
      todo("a", "renamed elsewhere", { done: true }),
      todo("b"),
      todo("c"),
    ]);
    update.calls[0]?.resolve(todo("a", "renamed elsewhere", { done: true }));
    await updating;
    expect(manager.status.hasPendingMutations).toBe(false);
  });
});

describe("rule 5: older server data never undoes newer data", () => {
  it("a refetch that started before a confirmation does not undo it", async () => {
    const { manager, list, update, loaded, visible } = todoFixture();
    await loaded([todo("a", "old")]);

    const refetching = manager.actions.refetch();
    await flush();
    const updating = manager.actions.update({ id: "a", data: { title: "new" } });
    await flush();
    update.calls[0]?.resolve(todo("a", "new"));
    await updating;
    list.calls[1]?.resolve([todo("a", "old")]);
    await refetching;

    expect(visible()).toEqual([todo("a", "new")]);
  });

  it("with a versionField, keeps the newest row whatever order data arrives in", async () => {
    const { manager, update, loaded, visible } = todoFixture({ versionField: "version" });
    await loaded([todo("a", "v1", { version: 1 })]);

    const updating = manager.actions.update({ id: "a", data: { title: "v2" } });
    await flush();
    manager.applyServerRow(todo("a", "v3 from elsewhere", { version: 3 }));
    update.calls[0]?.resolve(todo("a", "v2", { version: 2 }));
    await updating;

    expect(visible()).toEqual([todo("a", "v3 from elsewhere", { version: 3 })]);
  });
});

describe("rule 6: creates", () => {
  it("builds the optimistic row with createOptimisticUiData and the optimistic context", async () => {
    const { manager, create, loaded, visible } = todoFixture({
      optimisticContext: () => ({ author: "ada" }),
      optimisticDefaults: {
        createOptimisticUiData: (input, context) => ({
          id: "tmp-1",
          title: `${String(input.title)} by ${context.author}`,
          done: false,
        }),
        pendingFields: ["id"],
      },
    });
    await loaded([]);

    const creating = manager.actions.create({ title: "Write" });
    expect(visible()).toEqual([todo("tmp-1", "Write by ada")]);
    await flush();
    expect(create.calls[0]?.args[0]).toEqual({ title: "Write by ada", done: false });
    create.calls[0]?.resolve(todo("srv-1", "Write by ada"));

    await expect(creating).resolves.toEqual(todo("srv-1", "Write by ada"));
    expect(visible()).toEqual([todo("srv-1", "Write by ada")]);
  });

  it("updates issued against a temporary id reach the server id", async () => {
    const { manager, create, update, remove, loaded, visible } = todoFixture();
    await loaded([todo("a")]);

    const creating = manager.actions.create({ id: "tmp", title: "new", done: false });
    const row = manager.store.get("tmp");
    const updating = manager.actions.update({ id: "tmp", data: { done: true } });
    await flush();
    expect(update.calls).toHaveLength(0);

    create.calls[0]?.resolve(todo("srv-7", "new"));
    await creating;
    await flush();
    expect(update.calls[0]?.args[0]).toEqual({ id: "srv-7", data: { done: true } });
    expect(visible()).toEqual([todo("a"), todo("srv-7", "new", { done: true })]);
    expect(manager.store.get("srv-7")).toBe(row);
    expect(manager.store.keyOf("srv-7")).toBe("tmp");

    update.calls[0]?.resolve(todo("srv-7", "new", { done: true }));
    await updating;
    const removing = manager.actions.remove("tmp");
    await flush();
    expect(remove.calls[0]?.args[0]).toBe("srv-7");
    remove.calls[0]?.resolve({ id: "srv-7" });
    await removing;
    expect(visible()).toEqual([todo("a")]);
  });

  it("fails the changes waiting on a create that failed", async () => {
    const { manager, create, update, loaded, visible } = todoFixture();
    await loaded([]);

    const creating = manager.actions.create({ id: "tmp", title: "new", done: false });
    const updating = manager.actions.update({ id: "tmp", data: { done: true } });
    await flush();
    create.calls[0]?.reject(new Error("409"));

    await expect(creating).rejects.toBeInstanceOf(MutationError);
    await expect(updating).rejects.toThrow(/create of "tmp" this change depends on failed/);
    expect(update.calls).toHaveLength(0);
    expect(visible()).toEqual([]);
    expect(manager.status.hasPendingMutations).toBe(false);
  });

  it("generates a UUID for rows created without an id or optimistic defaults", async () => {
    const { manager, create, loaded } = todoFixture();
    await loaded([]);

    void manager.actions.create({ title: "t", done: false }).catch(() => undefined);
    await flush();

    expect(create.calls[0]?.args[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
  });
});

describe("rule 7: deletes", () => {
  it("a deleted row that fails to delete comes back at its place", async () => {
    const { manager, remove, loaded, visible } = todoFixture();
    await loaded([todo("a"), todo("b"), todo("c")]);

    const removing = manager.actions.remove("b");
    expect(visible().map((row) => row.id)).toEqual(["a", "c"]);
    await flush();
    remove.calls[0]?.reject(new Error("500"));

    await expect(removing).rejects.toMatchObject({ kind: "delete", id: "b" });
    expect(visible().map((row) => row.id)).toEqual(["a", "b", "c"]);
  });
});

describe("rule 8: self-echo", () => {
  it("sends mutationId and browserId with every mutation", async () => {
    const { manager, update, loaded } = todoFixture({ browserId: "tab-1" });
    await loaded([todo("a")]);

    void manager.actions.update({ id: "a", data: { done: true } }).catch(() => undefined);
    await flush();

    expect(update.calls[0]?.args[1]).toEqual({
      mutationId: expect.any(String),
      browserId: "tab-1",
    });
    expect(manager.browserId).toBe("tab-1");
  });

  it("never applies its own echo twice: a known mutationId confirms, our browserId is ignored", async () => {
    const { manager, create, loaded, visible } = todoFixture();
    await loaded([]);

    const creating = manager.actions.create({ id: "tmp", title: "new", done: false });
    await flush();
    const { mutationId } = create.calls[0]!.args[1];
    manager.applyServerRow(todo("srv", "new"), { mutationId, browserId: manager.browserId });
    expect(visible()).toEqual([todo("srv", "new")]);

    create.calls[0]?.resolve(todo("srv", "new"));
    await creating;
    manager.applyServerRow(todo("srv", "new"), { mutationId, browserId: manager.browserId });
    manager.applyServerRow(todo("srv", "stale"), { browserId: manager.browserId });

    expect(visible()).toEqual([todo("srv", "new")]);
  });
});

describe("rule 9: remote changes to rows with local pending changes", () => {
  it("rebases by default: the remote value confirmed, the local change on top", async () => {
    const { manager, loaded, visible } = todoFixture();
    await loaded([todo("a")]);

    void manager.actions.update({ id: "a", data: { done: true } }).catch(() => undefined);
    manager.applyServerRow(todo("a", "remote"), { browserId: "other" });

    expect(visible()).toEqual([todo("a", "remote", { done: true })]);
  });

  it("drops the local pending changes with server-wins", async () => {
    const { manager, update, loaded, visible } = todoFixture({ conflict: "server-wins" });
    await loaded([todo("a")]);

    const dropped = manager.actions.update({ id: "a", data: { done: true } });
    manager.applyServerRow(todo("a", "remote"), { browserId: "other" });

    expect(visible()).toEqual([todo("a", "remote")]);
    // Its request failing afterwards rejects its promise, but it is no longer the status's news.
    await flush();
    update.calls[0]?.reject(new Error("500"));
    await expect(dropped).rejects.toThrow(/500/);
    expect(manager.status.error).toBeNull();
    expect(visible()).toEqual([todo("a", "remote")]);
  });

  it("settles an in-flight update of a row deleted remotely as a conflict, not a crash", async () => {
    const { manager, update, loaded, visible } = todoFixture();
    await loaded([todo("a"), todo("b")]);

    const updating = manager.actions.update({ id: "a", data: { title: "mine" } });
    await flush();
    manager.removeServerRow("a", { browserId: "other" });
    expect(visible()).toEqual([todo("b")]);
    update.calls[0]?.reject(new Error("404"));

    const error: unknown = await updating.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "deleted", kind: "update", id: "a" });
    expect(visible()).toEqual([todo("b")]);
  });
});

describe("rule 10: bad input never corrupts the store", () => {
  it("fails only the mutation whose response is not a row", async () => {
    const { manager, update, loaded, visible } = todoFixture();
    await loaded([todo("a"), todo("b")]);

    const bad = manager.actions.update({ id: "a", data: { title: "x" } });
    const good = manager.actions.update({ id: "b", data: { title: "y" } });
    await flush();
    update.calls[0]?.resolve({ ok: true } as never);
    update.calls[1]?.resolve(todo("b", "y"));

    const error: unknown = await bad.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(MutationError);
    expect((error as MutationError).cause).toBeInstanceOf(InvalidServerResponseError);
    expect((error as Error).message).toMatch(
      /^\[aos\] The update of "a" failed: \[aos\] The update response/,
    );
    await good;
    expect(visible()).toEqual([todo("a"), todo("b", "y")]);
  });

  it("skips list items that are not rows and warns", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { manager, loaded, visible } = todoFixture();

    await loaded([todo("a"), { title: "no id" } as never, null as never, todo("b")]);

    expect(visible()).toEqual([todo("a"), todo("b")]);
    expect(warn).toHaveBeenCalledWith(
      '[aos] The list of "todos" held 2 item(s) that are not rows; skipped.',
    );
    expect(manager.status.isError).toBe(false);
  });

  it("skips list items that are not rows silently in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { loaded, visible } = todoFixture();

    await loaded([todo("a"), null as never]);

    expect(visible()).toEqual([todo("a")]);
    expect(warn).not.toHaveBeenCalled();
  });

  it("reports a list that is not an array as a query error and keeps the rows", async () => {
    const { manager, list, loaded, visible } = todoFixture();
    await loaded([todo("a")]);

    const refetching = manager.actions.refetch();
    await flush();
    list.calls[1]?.resolve({ rows: [] } as never);

    await expect(refetching).rejects.toBeInstanceOf(InvalidServerResponseError);
    expect(manager.status.error).toBeInstanceOf(InvalidServerResponseError);
    expect(visible()).toEqual([todo("a")]);
  });

  it("refuses a pushed server row without an id", () => {
    const { manager } = todoFixture();

    expect(() => {
      manager.applyServerRow({ title: "x" } as never);
    }).toThrow(InvalidServerResponseError);
  });
});

describe("rule 11: a resync brings back what was missed", () => {
  it("merges a refetch after missed events: new, changed and deleted rows", async () => {
    const { manager, list, loaded, visible } = todoFixture();
    await loaded([todo("a"), todo("b")]);

    const resync = manager.actions.refetch();
    await flush();
    list.calls[1]?.resolve([todo("a", "changed"), todo("c")]);
    await resync;

    expect(visible()).toEqual([todo("a", "changed"), todo("c")]);
  });
});

describe("rule 12: destroy() leaves nothing behind", () => {
  it("leaves no query observer, no mutation listener and no MobX reaction", async () => {
    const token = observable.box<string | null>("t");
    const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
    const { manager, loaded, update } = todoFixture(
      { enabled: () => token.get() !== null },
      queryClient,
    );
    await loaded([todo("a")]);
    const query = queryClient.getQueryCache().find({ queryKey: ["todos"] });
    const updating = manager.actions.update({ id: "a", data: { title: "late" } });
    expect(query?.getObserversCount()).toBe(1);
    expect(getObserverTree(token).observers?.length).toBe(1);

    manager.destroy();
    manager.destroy();

    expect(query?.getObserversCount()).toBe(0);
    expect(getObserverTree(token).observers).toBeUndefined();
    expect(queryClient.getMutationCache().hasListeners()).toBe(false);
    expect(queryClient.getQueryCache().hasListeners()).toBe(false);
    await expect(manager.actions.create({ title: "x" })).rejects.toThrow(/was destroyed/);
    await expect(manager.actions.refetch()).rejects.toThrow(/was destroyed/);

    await flush();
    update.calls[0]?.resolve(todo("a", "late"));
    await expect(updating).resolves.toMatchObject({ title: "late" });
    runInAction(() => {
      token.set(null);
    });
    expect(getObserverTree(token).observers).toBeUndefined();
  });
});
