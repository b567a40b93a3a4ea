import { createOptimisticStoreManager } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { useList, useManager } from "@aos/react";
import { dehydrate, hydrate, type DehydratedState, type QueryClient } from "@tanstack/query-core";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";

interface Todo {
  id: string;
  title: string;
}
declare function fetchTodos(): Promise<Todo[]>;

// #region page
function TodoPage({ queryClient }: { queryClient: QueryClient }) {
  // Renders from the cache; fetches and subscribes only once mounted in the browser.
  const todos = useManager<Todo>(
    { name: "todos", queryFn: fetchTodos, mutations: {} },
    queryClient,
  );
  const rows = useList(todos);
  return (
    <ul>
      {rows.map((todo) => (
        <li key={todo.id}>{todo.title}</li>
      ))}
    </ul>
  );
}
// #endregion page

// #region server
export async function renderTodoPage(): Promise<string> {
  const queryClient = createQueryClient(); // one per request: no user sees another's data
  await queryClient.query({ queryKey: ["todos"], queryFn: fetchTodos }); // the manager's key is [name]
  const html = renderToString(<TodoPage queryClient={queryClient} />);
  const state = JSON.stringify(dehydrate(queryClient)).replace(/</g, "\\u003c");
  return `<div id="app">${html}</div><script>window.__QUERY_STATE__ = ${state}</script>`;
}
// #endregion server

// #region client
export function startTodoPage(state: DehydratedState, container: HTMLElement) {
  const queryClient = createQueryClient();
  hydrate(queryClient, state); // the rows the server rendered: no loading flash
  // Unlike the global client, a client you create is not mounted: without this, nothing
  // refetches on focus or reconnect, and a change made offline is never sent.
  queryClient.mount();
  hydrateRoot(container, <TodoPage queryClient={queryClient} />);
}
// #endregion client

// Outside components, a manager takes the client the same way.
export const todosFor = (queryClient: QueryClient) =>
  createOptimisticStoreManager<Todo>(
    { name: "todos", queryFn: fetchTodos, mutations: {} },
    queryClient,
  );
