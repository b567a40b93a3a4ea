// @vitest-environment node
import { createQueryClient } from "@aos/query-client";
import { renderToString } from "react-dom/server";
import { expect, it, vi } from "vitest";
import { useList, useManager, useStatus } from "./hooks";

it("renders on a server from the query cache, without window and without fetching", () => {
  const queryClient = createQueryClient();
  queryClient.setQueryData(["todos"], [{ id: "a", title: "from the server" }]);
  const queryFn = vi.fn(() => Promise.resolve([]));
  function Todos() {
    const todos = useManager<{ id: string; title: string }>(
      { name: "todos", queryFn, mutations: {} },
      queryClient,
    );
    const rows = useList(todos);
    const status = useStatus(todos);
    return (
      <ul data-loading={String(status.isLoading)}>
        {rows.map((row) => (
          <li key={row.id}>{row.title}</li>
        ))}
      </ul>
    );
  }

  expect(typeof window).toBe("undefined");
  const html = renderToString(<Todos />);

  expect(html).toBe('<ul data-loading="false"><li>from the server</li></ul>');
  expect(queryFn).not.toHaveBeenCalled();
});
