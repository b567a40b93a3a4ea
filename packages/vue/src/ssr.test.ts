// @vitest-environment node
import { createOptimisticStoreManager } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import { getObserverTree } from "mobx";
import { expect, it, vi } from "vitest";
import { createSSRApp, defineComponent, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { useEntity, useList, useManager, useStatus } from "./composables";

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

it("leaves nothing subscribed to a shared manager after rendering on a server", async () => {
  const manager = createOptimisticStoreManager<{ id: string; title: string }>(
    { name: "todos", queryFn: () => Promise.resolve([]), mutations: {}, autoStart: false },
    createQueryClient(),
  );
  manager.applyServerRow({ id: "a", title: "shared" });
  const App = defineComponent({
    setup() {
      const rows = useList(manager);
      const todo = useEntity(manager, "a");
      const status = useStatus(manager);
      return () =>
        h("p", `${rows.value.length} ${todo.value?.title} ${String(status.value.isLoading)}`);
    },
  });

  const html = await renderToString(createSSRApp(App));

  // Loading: the list is still to come, as it will be once the browser starts the manager.
  expect(html).toBe("<p>1 shared true</p>");
  expect(getObserverTree(manager.store, "list").observers).toBeUndefined();
  expect(getObserverTree(manager.store.get("a") as object, "title").observers).toBeUndefined();
  expect(getObserverTree(manager.status, "pendingCount").observers).toBeUndefined();
  manager.destroy();
});
