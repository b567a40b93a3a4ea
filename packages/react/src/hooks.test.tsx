import { createOptimisticStoreManager, type FormActions, type FormSnapshot } from "@aos/core";
import { createQueryClient } from "@aos/query-client";
import type { QueryClient } from "@tanstack/query-core";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { getObserverTree } from "mobx";
import { observer } from "mobx-react-lite";
import { memo, StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useEntity, useForm, useList, useManager, useStatus } from "./hooks";

interface Todo {
  id: string;
  title: string;
}

afterEach(() => {
  cleanup();
});

function setup() {
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  let answer: (rows: Todo[]) => void = () => undefined;
  const queryFn = vi.fn(() => new Promise<Todo[]>((resolve) => (answer = resolve)));
  const update = vi.fn(({ id, data }: { id: string; data: Partial<Todo> }) =>
    Promise.resolve({ id, title: data.title ?? "" }),
  );
  const config = { name: "todos", queryFn, mutations: { update } };
  return {
    queryClient,
    queryFn,
    update,
    config,
    answer: (rows: Todo[]) => {
      answer(rows);
    },
  };
}

const tick = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

describe("useManager", () => {
  it("creates one manager in StrictMode: one fetch, and nothing left after unmount", async () => {
    const { queryClient, queryFn, config, answer } = setup();
    let seen: ReturnType<typeof useManager<Todo>> | undefined;
    function Todos({ client }: { client: QueryClient }) {
      const todos = useManager<Todo>(config, client);
      seen = todos;
      const rows = useList(todos);
      return <p>{rows.map((row) => row.title).join(",") || "empty"}</p>;
    }

    const { unmount } = render(
      <StrictMode>
        <Todos client={queryClient} />
      </StrictMode>,
    );
    await tick();
    answer([{ id: "a", title: "one" }]);
    await tick();

    expect(screen.getByText("one")).toBeDefined();
    expect(queryFn).toHaveBeenCalledTimes(1);
    expect(seen?.isRunning()).toBe(true);

    unmount();
    expect(seen?.isRunning()).toBe(false);
    expect(
      queryClient
        .getQueryCache()
        .find({ queryKey: ["todos"] })
        ?.getObserversCount(),
    ).toBe(0);
    expect(getObserverTree(seen!.store, "list").observers).toBeUndefined();
  });

  it("renders rows already in the query cache on the first render", () => {
    const { queryClient, queryFn, config } = setup();
    queryClient.setQueryData(["todos"], [{ id: "a", title: "cached" }]);
    function Todos() {
      const rows = useList(useManager<Todo>({ ...config, staleTime: 60_000 }, queryClient));
      return <p>{rows[0]?.title}</p>;
    }

    render(<Todos />);

    expect(screen.getByText("cached")).toBeDefined();
    expect(queryFn).not.toHaveBeenCalled();
  });

  it("renders loading, never an empty list, until the first rows come", async () => {
    const { queryClient, config, answer } = setup();
    const seen: string[] = [];
    function Todos() {
      const todos = useManager<Todo>(config, queryClient);
      const rows = useList(todos);
      const text = useStatus(todos).isLoading ? "loading" : `${rows.length} rows`;
      seen.push(text);
      return <p>{text}</p>;
    }

    render(<Todos />);
    await tick();
    answer([{ id: "a", title: "one" }]);
    await tick();

    expect(screen.getByText("1 rows")).toBeDefined();
    expect([...new Set(seen)]).toEqual(["loading", "1 rows"]);
  });
});

describe("hooks", () => {
  it("work inside mobx-react-lite observer components without extra renders", async () => {
    const { queryClient, config, answer } = setup();
    let renders = 0;
    const Row = observer(function Row({
      manager,
      id,
    }: {
      manager: ReturnType<typeof useManager<Todo>>;
      id: string;
    }) {
      renders++;
      const todo = useEntity(manager, id);
      const status = useStatus(manager);
      return (
        <p>
          {todo?.title} {status.pendingCount}
        </p>
      );
    });
    let manager: ReturnType<typeof useManager<Todo>> | undefined;
    function App() {
      manager = useManager<Todo>(config, queryClient);
      return <Row manager={manager} id="a" />;
    }
    render(<App />);
    await tick();
    answer([{ id: "a", title: "one" }]);
    await tick();
    const before = renders;

    await act(async () => {
      await manager!.actions.update({ id: "a", data: { title: "two" } });
    });

    expect(screen.getByText("two 0")).toBeDefined();
    expect(renders - before).toBeLessThanOrEqual(3);
  });

  it("binds a form to one row's update", async () => {
    const { queryClient, config, answer, update } = setup();
    let form: (FormSnapshot<Partial<Todo>> & FormActions<Partial<Todo>, Todo>) | undefined;
    function Edit() {
      const manager = useManager<Todo>(config, queryClient);
      form = useForm(manager, { kind: "update", id: "a", initialValues: { title: "one" } });
      const todo = useEntity(manager, "a");
      return <p>{todo?.title ?? "none"}</p>;
    }
    render(<Edit />);
    await tick();
    answer([{ id: "a", title: "one" }]);
    await tick();

    act(() => {
      form!.setValue("title", "edited");
    });
    await act(async () => {
      await form!.submit();
    });

    expect(update).toHaveBeenCalledWith({ id: "a", data: { title: "edited" } }, expect.anything());
    expect(screen.getByText("edited")).toBeDefined();
    expect(form!.values).toEqual({ title: "edited" });
  });

  it("keeps what is typed into a row's update form when the server replaces its temporary id", async () => {
    let confirm: ((row: Todo) => void) | undefined;
    const todos = createOptimisticStoreManager<Todo>(
      {
        name: "todos",
        queryFn: () => Promise.resolve([]),
        mutations: {
          create: () => new Promise<Todo>((resolve) => (confirm = resolve)),
          update: ({ id, data }) => Promise.resolve({ id, title: data.title ?? "" }),
        },
        autoStart: false,
      },
      createQueryClient(),
    );
    const Row = memo(function Row({ id }: { id: string }) {
      const form = useForm(todos, { kind: "update", id, initialValues: { title: "draft" } });
      return (
        <input
          aria-label={todos.store.keyOf(id)}
          value={form.values.title ?? ""}
          onChange={(event) => {
            form.setValue("title", event.target.value);
          }}
        />
      );
    });
    function List() {
      const rows = useList(todos);
      return rows.map((todo) => <Row key={todos.store.keyOf(todo.id)} id={todo.id} />);
    }
    render(<List />);
    let created: Promise<Todo> | undefined;
    act(() => {
      created = todos.actions.create({ title: "draft" });
    });
    const temporaryId = todos.store.list[0]!.id;
    const input = screen.getByLabelText<HTMLInputElement>(temporaryId);
    act(() => {
      fireEvent.change(input, { target: { value: "typed" } });
    });
    await tick(); // the create's request is sent

    await act(async () => {
      confirm!({ id: "srv-1", title: "draft" });
      await created;
    });
    // Another row coming re-renders the list: the edited row now gets the server's id.
    act(() => {
      todos.applyServerRow({ id: "b", title: "other" });
    });

    expect(todos.store.list.map((todo) => todo.id)).toEqual(["srv-1", "b"]);
    expect(screen.getByLabelText<HTMLInputElement>(temporaryId).value).toBe("typed");
    todos.destroy();
  });
});
