// @vitest-environment node
import { createQueryClient } from "@aos/query-client";
import { expect, it, vi } from "vitest";
import { createSSRApp, defineComponent, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { useList, useManager } from "./composables";

it("renders on a server from the query cache, without window and without fetching", async () => {
  const queryClient = createQueryClient();
  queryClient.setQueryData(["todos"], [{ id: "a", title: "from the server" }]);
  const queryFn = vi.fn(() => Promise.resolve([]));
  const App = defineComponent({
    setup() {
      const rows = useList(
        useManager<{ id: string; title: string }>(
          { name: "todos", queryFn, mutations: {} },
          queryClient,
        ),
      );
      return () =>
        h(
          "ul",
          rows.value.map((row) => h("li", { key: row.id }, row.title)),
        );
    },
  });

  expect(typeof window).toBe("undefined");
  const html = await renderToString(createSSRApp(App));

  expect(html).toBe("<ul><li>from the server</li></ul>");
  expect(queryFn).not.toHaveBeenCalled();
});
