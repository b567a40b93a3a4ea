import { runAdapterConformance, type TodoManager } from "@aos/adapter-conformance";
import { fireEvent, render, within } from "@testing-library/svelte";
import { tick } from "svelte";
import App from "./fixtures/App.svelte";
import type { Counts } from "./fixtures/counts";

function mount(manager: TodoManager) {
  const counts: Counts = { list: 0, rows: new Map() };
  const { container, unmount } = render(App, { props: { manager, counts } });
  const view = within(container);
  return {
    titles: () => view.queryAllByTestId("title").map((element) => element.textContent),
    pendingTitles: () =>
      view
        .queryAllByTestId("title")
        .filter((element) => element.dataset.pending === "true")
        .map((element) => element.textContent),
    listRenders: () => counts.list,
    rowRenders: (id: string) => counts.rows.get(id) ?? 0,
    status: () => view.getByTestId("status").textContent,
    titleIssue: () => view.getByTestId("issue").textContent,
    titleValue: () => view.getByLabelText<HTMLInputElement>("title").value,
    typeTitle: async (title: string) => {
      await fireEvent.input(view.getByLabelText("title"), { target: { value: title } });
    },
    submit: async () => {
      await fireEvent.submit(view.getByRole("form", { name: "new todo" }));
      await tick();
    },
    unmount,
  };
}

runAdapterConformance({
  name: "Svelte",
  mount,
  settle: async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
  },
});
