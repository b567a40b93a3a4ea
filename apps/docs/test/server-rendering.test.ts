// The server-rendering guide's server code, as the page shows it: two requests rendered at
// once, each with its own user's rows, must never show each other's, and rendering must not
// fetch. The page declares its `fetchTodos`; this file supplies one whose answers it settles.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type * as Page from "../snippets/ssr/render";

interface Todo {
  id: string;
  title: string;
}

const answers: ((rows: Todo[]) => void)[] = [];
const fetchTodos = vi.fn(
  () =>
    new Promise<Todo[]>((resolve) => {
      answers.push(resolve);
    }),
);
let page: typeof Page;

beforeAll(async () => {
  Object.assign(globalThis, { fetchTodos });
  page = await import("../snippets/ssr/render");
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, "fetchTodos");
});

it("renders concurrent requests from their own clients, fetching only to prefill", async () => {
  const alice = page.renderTodoPage();
  const bob = page.renderTodoPage();
  await vi.waitFor(() => {
    expect(answers).toHaveLength(2);
  });
  // Bob's rows arrive first, while Alice's request is still waiting for hers.
  answers[1]?.([{ id: "b1", title: "Bob's secret </script>" }]);
  await Promise.resolve();
  answers[0]?.([{ id: "a1", title: "Alice's row" }]);

  const [aliceHtml, bobHtml] = await Promise.all([alice, bob]);

  expect(aliceHtml).toContain("<li>Alice&#x27;s row</li>");
  expect(aliceHtml).not.toContain("Bob");
  expect(bobHtml).toContain("<li>Bob&#x27;s secret &lt;/script&gt;</li>");
  expect(bobHtml).not.toContain("Alice");
  // The state sent along cannot close its script element early.
  expect(bobHtml.match(/<\/script>/g)).toHaveLength(1);
  expect(fetchTodos).toHaveBeenCalledTimes(2);
});
