import { createQueryClient, resetGlobalQueryClient, setGlobalQueryClient } from "@aos/query-client";
import { createDefaultTransformer, createTransformer } from "@aos/transforms";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { computed, makeObservable, observable, reaction, runInAction } from "mobx";
import * as v from "valibot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AosError, ValidationError } from "../errors";
import { OptimisticStore } from "../store/OptimisticStore";
import type { OptimisticStoreOptions } from "../store/types";
import { flush } from "../testing/deferred";
import { controlledFunction } from "../testing/requestLog";
import { type Todo, todo, todoFixture } from "../testing/todoFixture";
import { createOptimisticStoreManager } from "./createOptimisticStoreManager";
import type { MutationSchemas } from "./types";

afterEach(() => {
  vi.restoreAllMocks();
  resetGlobalQueryClient();
});

describe("schemas per mutation (Standard Schema)", () => {
  const vendors = {
    zod: {
      create: z.object({
        title: z.string().trim().min(1, "Title is required"),
        done: z.boolean().default(false),
      }),
      update: z.object({
        title: z.string().min(1, "Title is required").optional(),
        done: z.boolean().optional(),
      }),
    },
    valibot: {
      create: v.object({
        title: v.pipe(v.string(), v.trim(), v.minLength(1, "Title is required")),
        done: v.optional(v.boolean(), false),
      }),
      update: v.object({
        title: v.optional(v.pipe(v.string(), v.minLength(1, "Title is required"))),
        done: v.optional(v.boolean()),
      }),
    },
  };

  for (const [vendor, vendorSchemas] of Object.entries(vendors)) {
    const schemas = vendorSchemas as MutationSchemas<StandardSchemaV1, StandardSchemaV1>;
    it(`rejects invalid input with field issues before any change or request (${vendor})`, async () => {
      const { manager, create, update, loaded, visible } = todoFixture({ schemas });
      await loaded([todo("a")]);

      const error: unknown = await manager.actions
        .create({ title: "   " })
        .catch((reason: unknown) => reason);
      const updateError: unknown = await manager.actions
        .update({ id: "a", data: { title: "" } })
        .catch((reason: unknown) => reason);

      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ kind: "create", fields: { title: ["Title is required"] } });
      expect((error as ValidationError).issues).toEqual([
        { path: ["title"], message: "Title is required" },
      ]);
      expect(updateError).toMatchObject({
        kind: "update",
        fields: { title: ["Title is required"] },
      });
      await flush();
      expect(create.calls).toHaveLength(0);
      expect(update.calls).toHaveLength(0);
      expect(visible()).toEqual([todo("a")]);
      expect(manager.status.hasPendingMutations).toBe(false);
    });

    it(`sends the schema's output, e.g. trimmed strings and defaults (${vendor})`, async () => {
      const { manager, create, loaded, visible } = todoFixture({ schemas });
      await loaded([]);

      void manager.actions.create({ title: "  Buy milk  " }).catch(() => undefined);
      await flush();

      expect(create.calls[0]?.args[0]).toMatchObject({ title: "Buy milk", done: false });
      expect(visible()).toMatchObject([{ title: "Buy milk", done: false }]);
    });
  }

  it("waits for an async schema, then applies the change", async () => {
    const asyncSchema = {
      "~standard": {
        version: 1 as const,
        vendor: "test",
        validate: (value: unknown) => Promise.resolve({ value: value as Partial<Todo> }),
      },
    };
    const { manager, update, loaded, visible } = todoFixture({ schemas: { update: asyncSchema } });
    await loaded([todo("a")]);

    const updating = manager.actions.update({ id: "a", data: { title: "A" } });
    await flush();
    expect(visible()).toEqual([todo("a", "A")]);
    update.calls[0]?.resolve(todo("a", "A"));
    await expect(updating).resolves.toEqual(todo("a", "A"));
  });
});

describe("status", () => {
  it("is observable and derived from the query and the pending log", async () => {
    const { manager, list, update, remove, create } = todoFixture();
    const seen: string[] = [];
    const dispose = reaction(
      () =>
        [
          manager.status.isLoading,
          manager.status.isSyncing,
          manager.status.createPendingCount,
          manager.status.updatePending,
          manager.status.deletePending,
        ].join(),
      (value) => seen.push(value),
    );
    await flush();
    expect(manager.status.isLoading).toBe(true);
    list.calls[0]?.resolve([todo("a"), todo("b")]);
    await flush();
    expect(manager.status.isLoading).toBe(false);

    const updating = manager.actions.update({ id: "a", data: { done: true } });
    const removing = manager.actions.remove("b");
    const creating = manager.actions.create({ id: "c", title: "c", done: false });
    expect(manager.status).toMatchObject({
      createPending: true,
      updatePending: true,
      deletePending: true,
      pendingCount: 3,
      hasPendingMutations: true,
    });
    await flush();
    update.calls[0]?.resolve(todo("a", "a", { done: true }));
    remove.calls[0]?.resolve({ id: "b" });
    create.calls[0]?.resolve(todo("c"));
    await Promise.all([updating, removing, creating]);

    const refetching = manager.actions.refetch();
    await flush();
    expect(manager.status.isSyncing).toBe(true);
    list.calls[1]?.resolve([todo("a", "a", { done: true }), todo("c")]);
    await refetching;
    expect(manager.status).toMatchObject({
      isSyncing: false,
      hasPendingMutations: false,
      isError: false,
    });
    expect(seen[0]).toBe("false,false,0,false,false");
    expect(seen).toContain("false,false,1,true,true");
    dispose();
  });

  it("shows a failed first load as an error", async () => {
    const { manager, list } = todoFixture();
    await flush();

    list.calls[0]?.reject(new Error("offline"));
    await flush();

    expect(manager.status).toMatchObject({
      isError: true,
      isLoading: false,
      error: new Error("offline"),
    });
  });
});

describe("enabled", () => {
  it("follows MobX observables: no fetch while disabled, a fetch when enabled, a clear on sign-out", async () => {
    const token = observable.box<string | null>(null);
    const { manager, list, queryClient, visible } = todoFixture({
      enabled: () => token.get() !== null,
      clearWhenDisabled: true,
    });
    await flush();
    expect(list.calls).toHaveLength(0);
    expect(manager.isEnabled()).toBe(false);

    runInAction(() => {
      token.set("alice");
    });
    await flush();
    expect(list.calls).toHaveLength(1);
    list.calls[0]?.resolve([todo("a")]);
    await flush();
    expect(visible()).toEqual([todo("a")]);

    runInAction(() => {
      token.set(null);
    });
    await flush();
    expect(visible()).toEqual([]);
    expect(queryClient.getQueryData(["todos"])).toBeUndefined();
    expect(manager.isEnabled()).toBe(false);

    runInAction(() => {
      token.set("bob");
    });
    await flush();
    expect(list.calls).toHaveLength(2);
  });

  it("pauses with disable(), clears only when asked, and resumes with enable()", async () => {
    const { manager, list, loaded, visible } = todoFixture();
    await loaded([todo("a")]);

    manager.disable();
    expect(manager.isEnabled()).toBe(false);
    expect(visible()).toEqual([todo("a")]);
    manager.disable({ clear: true });
    expect(visible()).toEqual([]);

    manager.enable();
    await flush();
    expect(list.calls).toHaveLength(2);
  });

  it("leaves status alone when a mutation cleared by disable({ clear: true }) answers (sign-out)", async () => {
    const { manager, list, update, loaded } = todoFixture();
    await loaded([todo("a")]);
    const failing = manager.actions.update({ id: "a", data: { title: "old user" } });
    const succeeding = manager.actions.update({ id: "a", data: { done: true } });
    await flush();

    manager.disable({ clear: true });
    update.calls[0]?.reject(new Error("401"));
    await expect(failing).rejects.toThrow(/401/);
    expect(manager.status.error).toBeNull();

    manager.enable();
    await flush();
    list.calls[1]?.resolve([todo("b")]);
    await flush();
    const failed = manager.actions.update({ id: "b", data: { title: "new user" } });
    await flush();
    update.calls[2]?.reject(new Error("500"));
    await expect(failed).rejects.toThrow(/500/);
    update.calls[1]?.resolve(todo("a", "a", { done: true }));
    await succeeding;
    expect(manager.status.error?.message).toMatch(/The update of "b" failed: 500/);
    expect(manager.store.has("a")).toBe(false);
  });

  it("applies new options with updateOptions, and treats a throwing enabled as disabled", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { manager, list } = todoFixture({ enabled: false });
    await flush();
    expect(list.calls).toHaveLength(0);

    manager.updateOptions({ enabled: true, staleTime: 60_000 });
    await flush();
    expect(list.calls).toHaveLength(1);

    manager.updateOptions({
      enabled: () => {
        throw new Error("token store bug");
      },
    });
    expect(manager.isEnabled()).toBe(false);
    expect(error).toHaveBeenCalledWith(
      "[aos] The enabled callback threw; the store is unaffected.",
      new Error("token store bug"),
    );
    manager.updateOptions();
  });
});

describe("refetch", () => {
  it("fetches again when it joins a first load that began before it was called", async () => {
    const { manager, list, visible } = todoFixture();
    await flush();
    expect(list.calls).toHaveLength(1);

    const refetching = manager.actions.refetch();
    await flush();
    list.calls[0]?.resolve([todo("a", "before the call")]);
    await flush();
    expect(list.calls).toHaveLength(2);
    list.calls[1]?.resolve([todo("a", "after the call"), todo("b")]);
    await refetching;

    expect(visible()).toEqual([todo("a", "after the call"), todo("b")]);
  });

  it("fetches once when nothing is in flight", async () => {
    const { manager, list, loaded, visible } = todoFixture();
    await loaded([todo("a")]);

    const refetching = manager.actions.refetch();
    await flush();
    list.calls[1]?.resolve([todo("a", "fresh")]);
    await refetching;

    expect(list.calls).toHaveLength(2);
    expect(visible()).toEqual([todo("a", "fresh")]);
  });

  it("sends no second request when destroyed while it waited for an earlier load", async () => {
    const { manager, list } = todoFixture();
    await flush();

    const refetching = manager.actions.refetch();
    await flush();
    manager.destroy();
    list.calls[0]?.resolve([todo("a")]);
    await flush();

    expect(list.calls).toHaveLength(1);
    await refetching;
    expect(manager.store.count).toBe(0);
  });

  it("lets overlapping refetches share a request, each resolving once a list asked for after it is merged", async () => {
    const { manager, list, loaded, visible } = todoFixture();
    await loaded([todo("a")]);
    const seen: string[] = [];

    void manager.actions.refetch().then(() => seen.push(`first: ${visible()[0]?.title}`));
    await flush();
    void manager.actions.refetch().then(() => seen.push(`second: ${visible()[0]?.title}`));
    await flush();
    // The second joins the first's request, which was asked for before it: one more after it.
    list.calls[1]?.resolve([todo("a", "one")]);
    await flush();
    list.calls[2]?.resolve([todo("a", "two")]);
    await flush();

    expect(seen).toEqual(["first: one", "second: two"]);
    expect(list.calls).toHaveLength(3);
  });

  it("fetches nothing while disabled (signed out), by disable() or by enabled; enable() fetches", async () => {
    const { manager, list, loaded, visible } = todoFixture();
    await loaded([todo("a")]);
    manager.disable();

    const refetching = manager.actions.refetch();
    manager.actions.triggerQuery();
    await flush();
    expect(list.calls).toHaveLength(1);
    await refetching;
    expect(manager.status).toMatchObject({ isSyncing: false, error: null });
    expect(visible()).toEqual([todo("a")]);

    manager.enable();
    await flush();
    expect(list.calls).toHaveLength(2);

    const off = todoFixture({ enabled: () => false });
    const offRefetching = off.manager.actions.refetch();
    off.manager.actions.triggerQuery();
    await flush();
    expect(off.list.calls).toHaveLength(0);
    await offRefetching;
  });

  it("sends no second request when disabled while it waited for an earlier load", async () => {
    const { manager, list, visible } = todoFixture();
    await flush();

    const refetching = manager.actions.refetch();
    await flush();
    manager.disable();
    list.calls[0]?.resolve([todo("a")]);
    await flush();

    expect(list.calls).toHaveLength(1);
    await refetching;
    expect(visible()).toEqual([todo("a")]);
  });
});

describe("the shared query cache", () => {
  it("lets two managers with the same name share one list", async () => {
    const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
    const first = todoFixture({}, queryClient);
    const second = todoFixture({}, queryClient);
    await flush();

    const calls = first.list.calls.length + second.list.calls.length;
    expect(calls).toBe(1);
    (first.list.calls[0] ?? second.list.calls[0])?.resolve([todo("a")]);
    await flush();

    expect(first.visible()).toEqual([todo("a")]);
    expect(second.visible()).toEqual([todo("a")]);
  });

  it("keeps the other manager following the list after one clears it (sign-out)", async () => {
    const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
    const first = todoFixture({}, queryClient);
    const second = todoFixture({}, queryClient);
    await first.loaded([todo("a")]);

    first.manager.disable({ clear: true });
    await flush();
    expect(first.visible()).toEqual([]);
    expect(queryClient.getQueryData(["todos"])).toBeUndefined();
    expect(second.visible()).toEqual([todo("a")]);
    expect(second.manager.status).toMatchObject({ isLoading: false, isSyncing: false });
    expect(first.list.calls.length + second.list.calls.length).toBe(1);

    first.manager.enable();
    await flush();
    expect(second.manager.status.isSyncing).toBe(true);
    await first.answerList([todo("a"), todo("b")]);
    expect(first.visible()).toEqual([todo("a"), todo("b")]);
    expect(second.visible()).toEqual([todo("a"), todo("b")]);

    queryClient.setQueryData(["todos"], [todo("c")]);
    await flush();
    expect(second.visible()).toEqual([todo("c")]);
  });

  it("loads the other manager's list when one clears it during the first load (sign-out)", async () => {
    const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
    const first = todoFixture({}, queryClient);
    const second = todoFixture({}, queryClient);
    await flush();
    expect(first.list.calls.length + second.list.calls.length).toBe(1);

    first.manager.disable({ clear: true });
    await flush();
    expect(second.manager.status).toMatchObject({ isLoading: true, isSyncing: true });
    expect(first.list.calls.length + second.list.calls.length).toBe(2);
    (first.list.calls[1] ?? second.list.calls[1])?.resolve([todo("a")]);
    await flush();

    expect(second.visible()).toEqual([todo("a")]);
    expect(second.manager.status).toMatchObject({ isLoading: false, isSyncing: false });
  });

  it("fetches nothing when a single manager is cleared during its first load (sign-out)", async () => {
    const { manager, list, visible } = todoFixture();
    await flush();

    manager.disable({ clear: true });
    list.calls[0]?.resolve([todo("a")]);
    await flush();

    expect(list.calls).toHaveLength(1);
    expect(visible()).toEqual([]);
    expect(manager.status).toMatchObject({ isLoading: false, isSyncing: false });
  });

  it("takes staleTime from the QueryClient's defaults when the config has none", async () => {
    const queryClient = createQueryClient({
      defaultOptions: { queries: { retry: false, staleTime: 60_000 } },
    });
    const first = todoFixture({}, queryClient);
    await first.loaded([todo("a")]);

    const second = todoFixture({}, queryClient);
    await flush();

    expect(first.list.calls.length + second.list.calls.length).toBe(1);
    expect(second.visible()).toEqual([todo("a")]);

    second.manager.updateOptions({ staleTime: 0 });
    second.manager.stop();
    second.manager.start();
    await flush();
    expect(second.list.calls).toHaveLength(1);
  });

  it("uses the global QueryClient when given none", async () => {
    const queryClient = createQueryClient();
    setGlobalQueryClient(queryClient);
    const list = controlledFunction<[{ signal: AbortSignal }], Todo[]>();

    const manager = createOptimisticStoreManager<Todo>({
      name: "global",
      queryFn: list.fn,
      mutations: {},
    });
    await flush();
    list.calls[0]?.resolve([todo("a")]);
    await flush();

    expect(queryClient.getQueryData(["global"])).toEqual([todo("a")]);
    expect(manager.queryKey).toEqual(["global"]);
    manager.destroy();
  });
});

describe("transformers on every path", () => {
  interface TodoApi {
    id: string;
    title: string;
    done: "true" | "false";
    due_at: string;
  }
  interface TodoUi {
    id: string;
    title: string;
    done: boolean;
    dueAt: Date;
  }
  const transformer = createTransformer({
    toUi: (api: TodoApi): TodoUi => ({
      id: api.id,
      title: api.title,
      done: api.done === "true",
      dueAt: new Date(api.due_at),
    }),
    toApi: (ui) => ({
      id: ui.id,
      title: ui.title,
      done: ui.done ? ("true" as const) : ("false" as const),
      due_at: ui.dueAt.toISOString(),
    }),
  });
  const api = (id: string, title: string, done = false): TodoApi => ({
    id,
    title,
    done: done ? "true" : "false",
    due_at: "2024-05-01T12:00:00.000Z",
  });

  function setup() {
    const list = controlledFunction<[{ signal: AbortSignal }], TodoApi[]>();
    const create = controlledFunction<[Partial<TodoApi>, unknown], TodoApi>();
    const update = controlledFunction<[{ id: string; data: Partial<TodoApi> }, unknown], TodoApi>();
    const manager = createOptimisticStoreManager(
      {
        name: "transformed",
        queryFn: list.fn,
        mutations: { create: create.fn, update: update.fn },
        transformer,
      },
      createQueryClient(),
    );
    return { manager, list, create, update };
  }

  it("maps lists, mutation data, answers and pushed rows", async () => {
    const { manager, list, create, update } = setup();
    await flush();
    list.calls[0]?.resolve([api("a", "A")]);
    await flush();
    expect(manager.store.get("a")?.dueAt).toEqual(new Date("2024-05-01T12:00:00.000Z"));

    const updating = manager.actions.update({ id: "a", data: { done: true } });
    await flush();
    expect(update.calls[0]?.args[0]).toEqual({ id: "a", data: { done: "true" } });
    update.calls[0]?.resolve(api("a", "A", true));
    await expect(updating).resolves.toMatchObject({ done: true });

    const creating = manager.actions.create({
      id: "b",
      title: "B",
      done: false,
      dueAt: new Date(0),
    });
    await flush();
    expect(create.calls[0]?.args[0]).toEqual({
      id: "b",
      title: "B",
      done: "false",
      due_at: "1970-01-01T00:00:00.000Z",
    });
    create.calls[0]?.resolve(api("b", "B"));
    await creating;

    manager.applyServerRow(api("c", "C", true));
    expect(manager.store.get("c")).toMatchObject({ title: "C", done: true });
  });

  it("leaves pending fields out of a create in the API's spelling of their names", async () => {
    const list = controlledFunction<[{ signal: AbortSignal }], TodoApi[]>();
    const create = controlledFunction<[Partial<TodoApi>, unknown], TodoApi>();
    const manager = createOptimisticStoreManager(
      {
        name: "pending-fields",
        queryFn: list.fn,
        mutations: { create: create.fn },
        transformer,
        optimisticDefaults: {
          createOptimisticUiData: (input): TodoUi => ({
            id: "b",
            title: input.title ?? "",
            done: false,
            dueAt: new Date(0),
          }),
          pendingFields: ["dueAt"],
        },
      },
      createQueryClient(),
    );
    await flush();
    list.calls[0]?.resolve([]);

    const creating = manager.actions.create({ title: "B" });
    await flush();
    expect(create.calls[0]?.args[0]).toEqual({ id: "b", title: "B", done: "false" });
    create.calls[0]?.resolve(api("b", "B"));
    await expect(creating).resolves.toMatchObject({ dueAt: new Date("2024-05-01T12:00:00.000Z") });
  });

  it("passes rows through with transformer: false", async () => {
    const { manager, update, loaded } = todoFixture({ transformer: false });
    await loaded([todo("a")]);

    void manager.actions.update({ id: "a", data: { title: "x" } }).catch(() => undefined);
    await flush();

    expect(update.calls[0]?.args[0]).toEqual({ id: "a", data: { title: "x" } });
  });

  it("takes optimistic defaults from the transformer", () => {
    const list = controlledFunction<[{ signal: AbortSignal }], Todo[]>();
    const manager = createOptimisticStoreManager(
      {
        name: "defaults",
        queryFn: list.fn,
        mutations: { create: () => new Promise<Todo>(() => undefined) },
        transformer: createDefaultTransformer<Todo>({
          optimisticDefaults: {
            createOptimisticUiData: (input) => ({ id: "tmp", title: "", done: false, ...input }),
          },
        }),
      },
      createQueryClient(),
    );

    void manager.actions.create({ title: "x" });

    expect({ ...manager.store.get("tmp") }).toEqual(todo("tmp", "x"));
  });
});

describe("configuration and misuse", () => {
  it("creates the configured store class", async () => {
    class TodoStore extends OptimisticStore<Todo> {
      constructor(options: OptimisticStoreOptions<Todo>) {
        super(options);
        makeObservable(this, { doneCount: computed });
      }
      get doneCount() {
        return this.list.filter((row) => row.done).length;
      }
    }
    const { manager, loaded } = todoFixture({ storeClass: TodoStore });
    await loaded([todo("a", "a", { done: true }), todo("b")]);

    expect(manager.store).toBeInstanceOf(TodoStore);
    expect(manager.store).toHaveProperty("doneCount", 1);
  });

  it("refuses a config without a name or a queryFn", () => {
    expect(() =>
      createOptimisticStoreManager({ name: "", queryFn: () => Promise.resolve([]), mutations: {} }),
    ).toThrow(AosError);
    expect(() => createOptimisticStoreManager({ name: "x", mutations: {} } as never)).toThrow(
      '[aos] The store "x" needs a queryFn.',
    );
  });

  it("points a realtime option that is not createRealtime() to it", () => {
    expect(() =>
      createOptimisticStoreManager({
        name: "todos",
        queryFn: () => Promise.resolve([]),
        mutations: {},
        realtime: { eventType: "todos" } as never,
      }),
    ).toThrow(
      new AosError(
        'The store "todos" takes its realtime option from createRealtime() in "@aos/core/realtime".',
      ),
    );
  });

  it("builds no realtime handle without the realtime option, and takes browserId from the config", async () => {
    const { manager, loaded } = todoFixture({ browserId: "tab-7" });
    await loaded([]);

    expect(manager.realtime).toBeUndefined();
    expect(manager.browserId).toBe("tab-7");
  });

  it("rejects actions whose mutation is not configured, or whose row does not exist", async () => {
    const list = controlledFunction<[{ signal: AbortSignal }], Todo[]>();
    const manager = createOptimisticStoreManager<Todo>(
      { name: "bare", queryFn: list.fn, mutations: {} },
      createQueryClient(),
    );
    const { manager: full, loaded } = todoFixture();
    await loaded([]);

    await expect(manager.actions.create({})).rejects.toThrow(
      '[aos] The store "bare" has no create mutation.',
    );
    await expect(manager.actions.update({ id: "a", data: {} })).rejects.toThrow(
      /no update mutation/,
    );
    await expect(manager.actions.remove("a")).rejects.toThrow(/no remove mutation/);
    await expect(full.actions.update({ id: "nope", data: {} })).rejects.toThrow(
      /There is no row "nope"/,
    );
    await expect(full.actions.remove("nope")).rejects.toThrow(/There is no row "nope"/);
  });

  it("rejects a create whose optimistic row factory throws or returns no id, changing nothing", async () => {
    const { manager, loaded, visible } = todoFixture({
      optimisticDefaults: {
        createOptimisticUiData: (input) => {
          if (input.title === "boom") throw new Error("factory bug");
          return { title: "no id" } as Todo;
        },
      },
    });
    await loaded([]);

    await expect(manager.actions.create({ title: "boom" })).rejects.toMatchObject({
      message: "[aos] Building the optimistic row failed.",
      cause: new Error("factory bug"),
    });
    await expect(manager.actions.create({ title: "x" })).rejects.toThrow(
      /needs a non-empty string id/,
    );
    expect(visible()).toEqual([]);
    expect(manager.status.hasPendingMutations).toBe(false);
  });

  it("starts a fetch with triggerQuery and shows its failure in status only", async () => {
    const { manager, list, loaded } = todoFixture();
    await loaded([todo("a")]);

    manager.actions.triggerQuery();
    await flush();
    list.calls[1]?.reject(new Error("down"));
    await flush();

    expect(manager.status.error).toEqual(new Error("down"));
  });
});

describe("onError", () => {
  it("hears an update or a remove of a row that does not exist, as their promises reject", async () => {
    const onError = vi.fn();
    const { manager, update, remove, loaded } = todoFixture({ onError });
    await loaded([]);

    const updating = manager.actions.update({ id: "nope", data: { title: "x" } });
    const removing = manager.actions.remove("nope");
    const updateError: unknown = await updating.catch((reason: unknown) => reason);
    const removeError: unknown = await removing.catch((reason: unknown) => reason);

    expect(updateError).toMatchObject({ name: "MutationError", kind: "update", id: "nope" });
    expect(removeError).toMatchObject({ name: "MutationError", kind: "delete", id: "nope" });
    expect(onError.mock.calls).toEqual([[updateError], [removeError]]);
    expect(update.calls).toHaveLength(0);
    expect(remove.calls).toHaveLength(0);
    // Nothing was sent or shown: the status keeps reporting requests.
    expect(manager.status.error).toBeNull();
  });

  it("hears nothing after destroy(), though a change still in flight rejects", async () => {
    const onError = vi.fn();
    const { manager, update, loaded } = todoFixture({ onError });
    await loaded([todo("a")]);
    const updating = manager.actions.update({ id: "a", data: { title: "x" } });
    await flush();

    manager.destroy();
    update.calls[0]?.reject(new Error("500"));

    await expect(updating).rejects.toMatchObject({ name: "MutationError", kind: "update" });
    await expect(manager.actions.remove("a")).rejects.toThrow(/was destroyed/);
    expect(onError).not.toHaveBeenCalled();
  });

  it("sends no change that waited on a create when destroy() ran meanwhile", async () => {
    const onError = vi.fn();
    const { manager, create, update, remove, loaded } = todoFixture({ onError });
    await loaded([]);
    const creating = manager.actions.create({ id: "tmp", title: "new" });
    const updating = manager.actions.update({ id: "tmp", data: { done: true } });
    const removing = manager.actions.remove("tmp");
    await flush();

    manager.destroy();
    create.calls[0]?.resolve(todo("srv-1", "new"));

    await expect(creating).resolves.toEqual(todo("srv-1", "new"));
    await expect(updating).rejects.toThrow(/was destroyed/);
    await expect(removing).rejects.toThrow(/was destroyed/);
    expect(update.calls).toHaveLength(0);
    expect(remove.calls).toHaveLength(0);
    expect(onError).not.toHaveBeenCalled();
  });

  it("does not hear a ValidationError: nothing was sent", async () => {
    const onError = vi.fn();
    const { manager, loaded } = todoFixture({
      onError,
      schemas: { update: z.object({ title: z.string().min(1) }) },
    });
    await loaded([todo("a")]);

    await expect(manager.actions.update({ id: "a", data: { title: "" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(onError).not.toHaveBeenCalled();
  });
});

describe("start and stop", () => {
  it("with autoStart: false, shows cached rows at once but fetches nothing until start()", async () => {
    const queryClient = createQueryClient();
    queryClient.setQueryData(["todos"], [todo("cached")]);
    const { manager, list, visible } = todoFixture({ autoStart: false, staleTime: 0 }, queryClient);

    expect(visible()).toEqual([todo("cached")]);
    await flush();
    expect(list.calls).toHaveLength(0);
    expect(manager.isRunning()).toBe(false);

    manager.start();
    manager.start();
    await flush();
    expect(list.calls).toHaveLength(1);
    expect(manager.isRunning()).toBe(true);
  });

  it("with autoStart: false, shows the first load as loading before start(), as a first render should", async () => {
    const { manager, list } = todoFixture({ autoStart: false });
    // An adapter renders before its effect starts the manager: "loading", not an empty list.
    expect(manager.status.isLoading).toBe(true);
    expect(manager.status.isSyncing).toBe(true);
    await flush();
    expect(list.calls).toHaveLength(0);

    // Nothing will be fetched on start: disabled, or rows cached and fresh.
    expect(todoFixture({ autoStart: false, enabled: false }).manager.status.isLoading).toBe(false);
    const queryClient = createQueryClient();
    queryClient.setQueryData(["todos"], [todo("cached")]);
    const cached = todoFixture({ autoStart: false, staleTime: 60_000 }, queryClient);
    expect(cached.manager.status.isSyncing).toBe(false);
    // Cached but stale: the rows show, and starting will refetch them in the background.
    const stale = todoFixture({ autoStart: false, staleTime: 0 }, queryClient);
    expect([stale.manager.status.isLoading, stale.manager.status.isSyncing]).toEqual([false, true]);

    manager.start();
    expect(manager.status.isLoading).toBe(true);
    await flush();
    list.calls[0]?.resolve([todo("a")]);
    await flush();
    expect(manager.status.isLoading).toBe(false);
  });

  it("stops and starts again during a fetch without fetching twice (React StrictMode)", async () => {
    const queryClient = createQueryClient();
    const { manager, list, visible } = todoFixture({ autoStart: false }, queryClient);

    manager.start();
    manager.stop();
    manager.start();
    await flush();
    expect(list.calls).toHaveLength(1);
    list.calls[0]?.resolve([todo("a")]);
    await flush();

    expect(visible()).toEqual([todo("a")]);
    manager.stop();
    expect(
      queryClient
        .getQueryCache()
        .find({ queryKey: ["todos"] })
        ?.getObserversCount(),
    ).toBe(0);
    expect(visible()).toEqual([todo("a")]);
  });

  it("follows what enabled became while stopped: no fetch when disabled, a fetch when enabled", async () => {
    const { manager, list, loaded } = todoFixture();
    await loaded([todo("a")]);
    manager.stop();
    manager.disable();
    manager.start();
    await flush();
    expect(list.calls).toHaveLength(1);

    const token = observable.box<string | null>(null);
    const later = todoFixture({ autoStart: false, enabled: () => token.get() !== null });
    runInAction(() => {
      token.set("alice");
    });
    later.manager.start();
    await flush();
    expect(later.list.calls).toHaveLength(1);
  });

  it("does not bring back rows cleared while stopped, even fresh ones (sign-out)", async () => {
    const { manager, list, loaded, visible } = todoFixture({ staleTime: 60_000 });
    await loaded([todo("a")]);
    manager.stop();
    manager.disable({ clear: true });
    manager.start();
    await flush();
    expect(visible()).toEqual([]);

    manager.enable();
    await flush();
    expect(visible()).toEqual([]);
    expect(list.calls).toHaveLength(2);
  });

  it("with clearWhenDisabled, shows nothing on start() of what enabled turning false while stopped left (sign-out while unmounted)", async () => {
    const token = observable.box<string | null>("alice");
    const { manager, list, loaded, queryClient, visible } = todoFixture({
      enabled: () => token.get() !== null,
      clearWhenDisabled: true,
      staleTime: 60_000,
    });
    await loaded([todo("a")]);
    manager.stop();
    manager.start();
    expect(visible()).toEqual([todo("a")]); // stop() alone keeps the rows (StrictMode)

    manager.stop();
    runInAction(() => {
      token.set(null);
    });
    manager.start();
    expect(visible()).toEqual([]);
    expect(queryClient.getQueryData(["todos"])).toBeUndefined();

    runInAction(() => {
      token.set("bob");
    });
    await flush();
    expect(list.calls).toHaveLength(2);

    // Created but not started yet (autoStart: false, an adapter before its effect runs).
    const cached = createQueryClient();
    cached.setQueryData(["todos"], [todo("b")]);
    const later = todoFixture(
      { autoStart: false, enabled: () => token.get() !== null, clearWhenDisabled: true },
      cached,
    );
    expect(later.visible()).toEqual([todo("b")]);
    runInAction(() => {
      token.set(null);
    });
    later.manager.start();
    expect(later.visible()).toEqual([]);
    expect(cached.getQueryData(["todos"])).toBeUndefined();
  });

  it("with clearWhenDisabled, shows no rows of a list cleared while stopped on start() (another user signed in meanwhile)", async () => {
    const token = observable.box<string | null>("alice");
    const config = {
      enabled: () => token.get() !== null,
      clearWhenDisabled: true,
      staleTime: 60_000,
    };
    const unmounted = todoFixture(config);
    await unmounted.loaded([todo("a")]);
    const mounted = todoFixture(config, unmounted.queryClient);
    await flush();
    expect(mounted.visible()).toEqual([todo("a")]);
    unmounted.manager.stop();

    // The mounted manager sees the sign-out and clears the shared list.
    runInAction(() => {
      token.set(null);
    });
    runInAction(() => {
      token.set("bob");
    });
    unmounted.manager.start();
    expect(unmounted.visible()).toEqual([]);
    await flush();
    await mounted.answerList([todo("b")]); // bob's list, fetched once for both
    expect(unmounted.list.calls.length + mounted.list.calls.length).toBe(2);
    expect(unmounted.visible()).toEqual([todo("b")]);

    // Signing out by clearing the QueryClient reaches a stopped manager the same way.
    unmounted.manager.stop();
    unmounted.queryClient.clear();
    unmounted.manager.start();
    expect(unmounted.visible()).toEqual([]);
  });

  it("claims no fetch once stopped during one, and follows the query again on start()", async () => {
    const { manager, list, visible } = todoFixture();
    await flush();
    expect(manager.status.isLoading).toBe(true);

    manager.stop();
    expect(manager.status).toMatchObject({ isLoading: false, isSyncing: false, error: null });
    list.calls[0]?.resolve([todo("a")]);
    await flush();
    expect(visible()).toEqual([]);

    manager.start(); // the rows are stale: a fetch
    expect(visible()).toEqual([todo("a")]);
    await flush();
    list.calls[1]?.reject(new Error("down"));
    await flush();
    expect(list.calls).toHaveLength(2);
    manager.actions.triggerQuery();
    await flush();
    expect(manager.status).toMatchObject({ isSyncing: true, error: new Error("down") });

    manager.stop();
    expect(manager.status).toMatchObject({ isSyncing: false, error: new Error("down") });
    manager.start();
    expect(manager.status).toMatchObject({ isSyncing: true, error: new Error("down") });
  });

  it("claims no fetch once destroyed during one, keeping the last error", async () => {
    const { manager, list, loaded } = todoFixture();
    await loaded([todo("a")]);
    manager.actions.triggerQuery();
    await flush();
    list.calls[1]?.reject(new Error("down"));
    await flush();
    manager.actions.triggerQuery();
    await flush();
    expect(manager.status.isSyncing).toBe(true);

    manager.destroy();
    expect(manager.status).toMatchObject({
      isLoading: false,
      isSyncing: false,
      error: new Error("down"),
    });
    list.calls[2]?.resolve([todo("a", "late")]);
    await flush();
    expect(manager.status).toMatchObject({ isSyncing: false, error: new Error("down") });

    const loading = todoFixture();
    await flush();
    loading.manager.destroy();
    expect(loading.manager.status).toMatchObject({ isLoading: false, isSyncing: false });
  });

  it("lets a queryFn that reads the signal be cancelled", async () => {
    let signal: AbortSignal | undefined;
    const { manager } = todoFixture({
      queryFn: (context) => {
        signal = context.signal;
        return new Promise<Todo[]>(() => undefined);
      },
    });
    await flush();

    manager.stop();

    expect(signal?.aborted).toBe(true);
  });
});
