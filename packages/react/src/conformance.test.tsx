import { runAdapterConformance, type TodoManager } from "@aos/adapter-conformance";
import { act, cleanup, fireEvent, render, within } from "@testing-library/react";
import { memo, type SyntheticEvent } from "react";
import { useEntity, useForm, useList, usePending, useStatus } from "./hooks";

function mount(manager: TodoManager) {
  const counts = { list: 0, rows: new Map<string, number>() };

  const Row = memo(function Row({ id }: { id: string }) {
    counts.rows.set(id, (counts.rows.get(id) ?? 0) + 1);
    const todo = useEntity(manager, id);
    const pending = usePending(manager, id);
    return (
      <li data-testid="title" data-pending={pending}>
        {todo?.title}
      </li>
    );
  });

  function List() {
    counts.list++;
    const todos = useList(manager);
    return (
      <ul>
        {todos.map((todo) => (
          <Row key={manager.store.keyOf(todo.id)} id={todo.id} />
        ))}
      </ul>
    );
  }

  function Form() {
    const form = useForm(manager, { kind: "create" });
    const onSubmit = (event: SyntheticEvent) => {
      event.preventDefault();
      void form.submit();
    };
    return (
      <form aria-label="new todo" onSubmit={onSubmit}>
        <input
          aria-label="title"
          value={form.values.title ?? ""}
          onChange={(event) => {
            form.setValue("title", event.target.value);
          }}
        />
        <p data-testid="issue">{form.issues.title?.[0] ?? ""}</p>
      </form>
    );
  }

  function Status() {
    const status = useStatus(manager);
    return <p data-testid="status">pending {status.pendingCount}</p>;
  }

  const { container, unmount } = render(
    <>
      <Status />
      <Form />
      <List />
    </>,
  );
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
      await act(async () => {
        fireEvent.change(view.getByLabelText("title"), { target: { value: title } });
        await Promise.resolve();
      });
    },
    submit: async () => {
      await act(async () => {
        fireEvent.submit(view.getByRole("form", { name: "new todo" }));
        await Promise.resolve();
      });
    },
    unmount: () => {
      unmount();
      cleanup();
    },
  };
}

runAdapterConformance({
  name: "React",
  mount,
  settle: async () => {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  },
});
