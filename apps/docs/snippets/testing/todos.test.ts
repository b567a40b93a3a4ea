// #region test
import { createOptimisticStoreManager, MutationError } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { expect, it, vi } from "vitest";

interface Todo {
  id: string;
  title: string;
}

/** A server answer the test settles when it wants to. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

function setup() {
  const answers: ReturnType<typeof deferred<Todo>>[] = [];
  const todos = createOptimisticStoreManager<Todo>(
    {
      name: "todos",
      queryFn: () => Promise.resolve([{ id: "t1", title: "Tea" }]),
      mutations: {
        update: () => {
          const answer = deferred<Todo>();
          answers.push(answer);
          return answer.promise;
        },
      },
    },
    createQueryClient(), // a client per test: nothing cached leaks between tests
  );
  return { todos, answers };
}

it("shows a change at once and keeps it when the server agrees", async () => {
  const { todos, answers } = setup();
  await todos.actions.refetch();

  const rename = todos.actions.update({ id: "t1", data: { title: "Chai" } });
  expect(todos.store.get("t1")?.title).toBe("Chai"); // before the server answered
  expect(todos.store.isPending("t1")).toBe(true);

  // The request leaves a moment later (after any create it depends on): wait for it.
  await vi.waitFor(() => {
    expect(answers).toHaveLength(1);
  });
  answers[0]?.resolve({ id: "t1", title: "Chai" });
  await rename;
  expect(todos.store.isPending("t1")).toBe(false);
  todos.destroy();
});

it("takes back only the change that failed", async () => {
  const { todos, answers } = setup();
  await todos.actions.refetch();

  const first = todos.actions.update({ id: "t1", data: { title: "Chai" } });
  const second = todos.actions.update({ id: "t1", data: { title: "Green tea" } });
  await vi.waitFor(() => {
    expect(answers).toHaveLength(2);
  });
  answers[0]?.reject(new Error("503"));

  await expect(first).rejects.toBeInstanceOf(MutationError);
  expect(todos.store.get("t1")?.title).toBe("Green tea"); // the second is still on screen
  answers[1]?.resolve({ id: "t1", title: "Green tea" });
  await second;
  expect(todos.store.get("t1")?.title).toBe("Green tea");
  todos.destroy();
});
// #endregion test
