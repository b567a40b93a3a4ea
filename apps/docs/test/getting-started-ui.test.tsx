// @vitest-environment jsdom
// The getting-started lists, as the page shows them, rendered: a row fades while its change is
// pending and comes back when the server confirms it, also when the server's row is the one
// already on screen (a server that keeps no version answers with exactly what was shown).
import { act, cleanup, render } from "@testing-library/react";
import { createApp, nextTick } from "vue";
import { afterEach, expect, it, onTestFinished, vi } from "vitest";
import { TodoList } from "../snippets/getting-started/TodoList";
import TodoListVue from "../snippets/getting-started/TodoList.vue";
import type { Todo } from "../snippets/getting-started/todos";

const server = vi.hoisted(() => {
  const state: { answer: (row: Todo) => void } = { answer: () => undefined };
  return state;
});

// The page's store without its network: one row, and an update the test answers.
vi.mock("../snippets/getting-started/todos", async () => {
  const { createOptimisticStoreManager } = await import("@aos/core");
  const { createQueryClient } = await import("@aos/query-client");
  const todos = createOptimisticStoreManager<Todo>(
    {
      name: "todos",
      queryFn: () => Promise.resolve([{ id: "t1", title: "Buy milk", completed: false }]),
      mutations: {
        update: () =>
          new Promise<Todo>((resolve) => {
            server.answer = resolve;
          }),
      },
    },
    createQueryClient(),
  );
  return { todos };
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const row = () => document.querySelector("li")!;
const checkbox = () => document.querySelector<HTMLInputElement>("input[type=checkbox]")!;

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

it("React: fades a row while its change is pending, and not once the server confirmed it", async () => {
  render(<TodoList />);
  await act(settle);
  expect(row().style.opacity).toBe("1");

  act(() => {
    checkbox().click();
  });
  await act(settle);
  expect(checkbox().checked).toBe(true);
  expect(row().style.opacity).toBe("0.6");

  server.answer({ id: "t1", title: "Buy milk", completed: true });
  await act(settle);
  expect(row().style.opacity).toBe("1");
});

it("Vue: fades a row while its change is pending, and not once the server confirmed it", async () => {
  const app = createApp(TodoListVue);
  app.mount(document.body.appendChild(document.createElement("div")));
  onTestFinished(() => {
    app.unmount();
  });
  const rendered = async () => {
    await settle();
    await nextTick();
  };
  await rendered();
  expect(row().style.opacity).toBe("1");

  // The store is shared with the React test: toggle from whatever it left.
  const ticked = !checkbox().checked;
  checkbox().click();
  await rendered();
  expect(checkbox().checked).toBe(ticked);
  expect(row().style.opacity).toBe("0.6");

  server.answer({ id: "t1", title: "Buy milk", completed: ticked });
  await rendered();
  expect(row().style.opacity).toBe("1");
});
