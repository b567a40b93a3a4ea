import { EventEmitter } from "node:events";
import {
  createOptimisticStoreManager,
  type OptimisticStore,
  type OptimisticStoreManager,
} from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { getObserverTree } from "mobx";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createRealtime } from "@aos/core/realtime";

export interface Todo {
  id: string;
  title: string;
  done: boolean;
  version: number;
}

/** The schemas the conformance form validates with. */
export const todoSchemas = {
  create: z.object({
    title: z.string().trim().min(1, "Title is required"),
    done: z.boolean().default(false),
  }),
  update: z.object({ title: z.string().min(1, "Title is required"), done: z.boolean() }).partial(),
};

export type TodoManager = OptimisticStoreManager<
  Todo,
  Todo,
  OptimisticStore<Todo>,
  StandardSchemaV1.InferInput<typeof todoSchemas.create>,
  StandardSchemaV1.InferInput<typeof todoSchemas.update>
>;

/** What the spec sees of a mounted todo app. */
export interface MountedApp {
  /** Row titles in display order, as rendered. */
  readonly titles: () => string[];
  /** How many times the list component rendered. */
  readonly listRenders: () => number;
  /** Titles of the rows rendered as having changes waiting (the adapter's pending hook). */
  readonly pendingTitles: () => string[];
  /** How many times the row component with this id rendered. */
  readonly rowRenders: (id: string) => number;
  /** The rendered status line (e.g. "pending 1"). */
  readonly status: () => string;
  /** Types into the create form's title field. */
  readonly typeTitle: (title: string) => Promise<void>;
  /** What the create form's title field shows. */
  readonly titleValue: () => string;
  /** Submits the create form. */
  readonly submit: () => Promise<void>;
  /** The issues the form shows for its title field. */
  readonly titleIssue: () => string;
  readonly unmount: () => void;
}

/**
 * How an adapter mounts the conformance app: a list component rendering one memoised row
 * component per row (each counting its renders), a create form for `title`, a status line.
 */
export interface AdapterDriver {
  readonly name: string;
  readonly mount: (manager: TodoManager) => Promise<MountedApp> | MountedApp;
  /** Lets the framework apply pending updates. */
  readonly settle: () => Promise<void>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const row = (id: string, title: string, extra: Partial<Todo> = {}): Todo => ({
  id,
  title,
  done: false,
  version: 1,
  ...extra,
});

/** A todo manager whose requests wait until the spec answers them, and a socket to push events. */
export function conformanceFixture(initial: Todo[]) {
  const lists: Deferred<Todo[]>[] = [];
  const creates: { data: Partial<Todo>; answer: Deferred<Todo> }[] = [];
  const updates: { id: string; data: Partial<Todo>; answer: Deferred<Todo> }[] = [];
  const socket = Object.assign(new EventEmitter(), { connected: true });
  const manager: TodoManager = createOptimisticStoreManager(
    {
      name: "todos",
      queryFn: () => {
        const answer = deferred<Todo[]>();
        lists.push(answer);
        return answer.promise;
      },
      mutations: {
        create: (data) => {
          const answer = deferred<Todo>();
          creates.push({ data, answer });
          return answer.promise;
        },
        update: ({ id, data }) => {
          const answer = deferred<Todo>();
          updates.push({ id, data, answer });
          return answer.promise;
        },
      },
      schemas: todoSchemas,
      versionField: "version",
      realtime: createRealtime(),
      autoStart: false,
    },
    createQueryClient({ defaultOptions: { queries: { retry: false } } }),
  );
  manager.realtime?.connect(socket);
  return {
    manager,
    lists,
    creates,
    updates,
    socket,
    answerFirstLoad: () => {
      lists[0]?.resolve(initial);
    },
  };
}

async function waitFor(check: () => void, settle: () => Promise<void>): Promise<void> {
  let lastError: unknown;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await settle();
    try {
      check();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  throw lastError;
}

/** Runs the adapter conformance spec with `driver`. */
export function runAdapterConformance(driver: AdapterDriver): void {
  describe(`${driver.name} adapter conformance`, () => {
    const mounted: MountedApp[] = [];
    const managers: TodoManager[] = [];

    afterEach(() => {
      for (const app of mounted.splice(0)) app.unmount();
      for (const manager of managers.splice(0)) manager.destroy();
    });

    async function setup(initial: Todo[]) {
      const fixture = conformanceFixture(initial);
      managers.push(fixture.manager);
      const app = await driver.mount(fixture.manager);
      mounted.push(app);
      fixture.manager.start();
      await waitFor(() => {
        expect(fixture.lists.length).toBeGreaterThan(0);
      }, driver.settle);
      fixture.answerFirstLoad();
      await waitFor(() => {
        expect(app.titles()).toEqual(initial.map((todo) => todo.title));
      }, driver.settle);
      return { ...fixture, app };
    }

    it("renders the initial load", async () => {
      const { app } = await setup([row("a", "Buy milk"), row("b", "Walk dog")]);

      expect(app.titles()).toEqual(["Buy milk", "Walk dog"]);
      expect(app.status()).toContain("pending 0");
    });

    it("shows an optimistic create at once", async () => {
      const { app, creates } = await setup([row("a", "Buy milk")]);

      await app.typeTitle("Call mom");
      await app.submit();

      expect(app.titles()).toEqual(["Buy milk", "Call mom"]);
      expect(app.status()).toContain("pending 1");
      expect(creates).toHaveLength(1);
    });

    it("keeps what was typed into the form while its create was in flight", async () => {
      const { app, creates } = await setup([row("a", "Buy milk")]);

      await app.typeTitle("Call mom");
      await app.submit();
      await waitFor(() => {
        expect(creates).toHaveLength(1);
      }, driver.settle);
      await app.typeTitle("Walk d");
      creates[0]?.answer.resolve(row("c", "Call mom"));

      await waitFor(() => {
        expect(app.status()).toContain("pending 0");
      }, driver.settle);
      expect(app.titles()).toEqual(["Buy milk", "Call mom"]);
      expect(app.titleValue()).toBe("Walk d");
    });

    it("clears the form once its create is confirmed", async () => {
      const { app, creates } = await setup([row("a", "Buy milk")]);

      await app.typeTitle("Call mom");
      await app.submit();
      await waitFor(() => {
        expect(creates).toHaveLength(1);
      }, driver.settle);
      expect(app.titleValue()).toBe("Call mom");
      creates[0]?.answer.resolve(row("c", "Call mom"));

      await waitFor(() => {
        expect(app.titleValue()).toBe("");
      }, driver.settle);
      expect(app.titles()).toEqual(["Buy milk", "Call mom"]);
    });

    it("rolls back only the row whose update failed while a concurrent update survives", async () => {
      const { app, manager, updates } = await setup([row("a", "one"), row("b", "two")]);

      const failing = manager.actions
        .update({ id: "a", data: { title: "one!" } })
        .catch(() => undefined);
      const passing = manager.actions.update({ id: "b", data: { title: "two!" } });
      await driver.settle();
      expect(app.titles()).toEqual(["one!", "two!"]);

      await waitFor(() => {
        expect(updates).toHaveLength(2);
      }, driver.settle);
      updates[0]?.answer.reject(new Error("500"));
      updates[1]?.answer.resolve(row("b", "two!", { version: 2 }));
      await failing;
      await passing;

      await waitFor(() => {
        expect(app.titles()).toEqual(["one", "two!"]);
      }, driver.settle);
    });

    it("shows a row as pending until the server confirms it, also with the row already shown", async () => {
      const { app, manager, updates } = await setup([row("a", "one"), row("b", "two")]);

      const saved = manager.actions.update({ id: "a", data: { title: "one!" } });
      await waitFor(() => {
        expect(app.pendingTitles()).toEqual(["one!"]);
      }, driver.settle);
      await waitFor(() => {
        expect(updates).toHaveLength(1);
      }, driver.settle);
      // The answer changes no field on screen: only the pending flag can re-render the row.
      updates[0]?.answer.resolve(row("a", "one!"));
      await saved;

      await waitFor(() => {
        expect(app.pendingTitles()).toEqual([]);
      }, driver.settle);
      expect(app.titles()).toEqual(["one!", "two"]);
    });

    it("shows a realtime event", async () => {
      const { app, socket } = await setup([row("a", "one")]);

      socket.emit("todos", {
        event: "INSERT",
        data: row("r", "from elsewhere"),
        browserId: "other",
      });
      socket.emit("todos", {
        event: "UPDATE",
        data: row("a", "renamed elsewhere", { version: 2 }),
        browserId: "other",
      });

      await waitFor(() => {
        expect(app.titles()).toEqual(["renamed elsewhere", "from elsewhere"]);
      }, driver.settle);
    });

    it("shows the form's field issues and sends nothing", async () => {
      const { app, creates } = await setup([row("a", "one")]);

      await app.typeTitle("   ");
      await app.submit();

      await waitFor(() => {
        expect(app.titleIssue()).toBe("Title is required");
      }, driver.settle);
      expect(creates).toHaveLength(0);
      expect(app.titles()).toEqual(["one"]);
    });

    it("leaves no MobX observer after unmount (the manager, started here, is not the view's to stop)", async () => {
      const { app, manager } = await setup([row("a", "one")]);
      const firstRow = manager.store.get("a");
      expect(getObserverTree(manager.store, "list").observers?.length).toBeGreaterThan(0);

      app.unmount();
      mounted.splice(mounted.indexOf(app), 1);
      await driver.settle();

      expect(getObserverTree(manager.store, "list").observers).toBeUndefined();
      expect(getObserverTree(firstRow as object, "title").observers).toBeUndefined();
      expect(getObserverTree(manager.status, "pendingCount").observers).toBeUndefined();
    });

    it("re-renders only the edited row of a 1,000-row list, and only the list when rows come and go", async () => {
      const rows = Array.from({ length: 1000 }, (_, index) => row(`r${index}`, `todo ${index}`));
      const { app, manager } = await setup(rows);
      const before = rows.map((todo) => app.rowRenders(todo.id));
      const listBefore = app.listRenders();

      manager.applyServerRow(row("r500", "edited", { version: 2 }));
      await waitFor(() => {
        expect(app.titles()[500]).toBe("edited");
      }, driver.settle);

      expect(app.listRenders()).toBe(listBefore);
      const changed = rows
        .filter((todo, index) => app.rowRenders(todo.id) !== before[index])
        .map((todo) => todo.id);
      expect(changed).toEqual(["r500"]);

      const afterEdit = rows.map((todo) => app.rowRenders(todo.id));
      manager.applyServerRow(row("new", "added"));
      manager.removeServerRow("r0");
      await waitFor(() => {
        expect(app.titles()).toHaveLength(1000);
        expect(app.titles().at(-1)).toBe("added");
      }, driver.settle);

      expect(app.listRenders()).toBeGreaterThan(listBefore);
      expect(app.rowRenders("new")).toBe(1);
      const rerendered = rows
        .slice(1)
        .filter((todo, index) => app.rowRenders(todo.id) !== afterEdit[index + 1]);
      expect(rerendered).toEqual([]);
    }, 20_000); // Render counts, not time: mounting 1,000 rows is slow on a loaded machine.
  });
}
