// The docs' comparison page says what each library shows when the first of two changes to
// one row fails while the second is in flight. These tests are where that is checked: if a
// new version of a library behaves otherwise, this fails and the page must change.
import { createOptimisticStoreManager } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { createCollection } from "@tanstack/db";
import { describe, expect, it, vi } from "vitest";

interface Todo {
  id: string;
  title: string;
  done: boolean;
}
const TEA: Todo = { id: "t1", title: "Tea", done: false };

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<void>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

describe("the first of two changes to one row fails while the second is in flight", () => {
  it("@aos/core shows the second change and nothing of the failed one", async () => {
    const answers: ReturnType<typeof deferred>[] = [];
    const todos = createOptimisticStoreManager<Todo>(
      {
        name: "todos",
        queryFn: () => Promise.resolve([TEA]),
        mutations: {
          update: async ({ id, data }) => {
            const answer = deferred();
            answers.push(answer);
            await answer.promise;
            return { ...TEA, ...data, id };
          },
        },
      },
      createQueryClient(),
    );
    await todos.actions.refetch();

    const rename = todos.actions.update({ id: "t1", data: { title: "Chai" } });
    const tick = todos.actions.update({ id: "t1", data: { done: true } });
    await vi.waitFor(() => {
      expect(answers).toHaveLength(2);
    });
    answers[0]?.reject(new Error("503"));
    await rename.catch(() => undefined);

    expect({ ...todos.store.get("t1") }).toEqual({ ...TEA, done: true });
    answers[1]?.resolve();
    await tick;
    todos.destroy();
  });

  it("@tanstack/db 0.15 still shows the failed change, inside the second one's row", async () => {
    const answers: ReturnType<typeof deferred>[] = [];
    const todos = createCollection<Todo, string>({
      id: "todos",
      getKey: (row) => row.id,
      onUpdate: async () => {
        const answer = deferred();
        answers.push(answer);
        await answer.promise;
      },
      sync: {
        sync: ({ begin, write, commit, markReady }) => {
          begin();
          write({ type: "insert", value: TEA });
          void commit();
          markReady();
        },
      },
    });
    await todos.preload();

    const rename = todos.update("t1", (draft) => {
      draft.title = "Chai";
    });
    todos.update("t1", (draft) => {
      draft.done = true;
    });
    answers[0]?.reject(new Error("503"));
    await rename.when("settled").catch(() => undefined);

    expect(rename.state).toBe("failed");
    // The second transaction's optimistic row was copied while the rename was on screen.
    expect(todos.get("t1")).toMatchObject({ title: "Chai", done: true });
    answers[1]?.resolve();
  });
});
