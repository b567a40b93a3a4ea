import { useEntity, useForm, useList, usePending } from "@aos/react";
import { memo, type SyntheticEvent } from "react";
import { StatusBar } from "./components";
import { todos } from "./stores";

const TodoRow = memo(function TodoRow({ id }: { id: string }) {
  const todo = useEntity(todos, id);
  const pending = usePending(todos, id);
  if (todo === undefined) return null;
  return (
    <li data-testid="todo" className={pending ? "pending" : undefined}>
      <input
        type="checkbox"
        aria-label={`done: ${todo.title}`}
        checked={todo.completed}
        onChange={() =>
          void todos.actions
            .update({ id, data: { completed: !todo.completed } })
            .catch(() => undefined)
        }
      />
      <span data-testid="todo-title">{todo.title}</span>
      <button
        aria-label={`delete: ${todo.title}`}
        onClick={() => void todos.actions.remove(id).catch(() => undefined)}
      >
        ×
      </button>
    </li>
  );
});

export function TodoPage() {
  const rows = useList(todos);
  const form = useForm(todos, { kind: "create" });
  const issues = form.issues.title;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void form.submit();
  };
  return (
    <section>
      <h2>Todos</h2>
      <StatusBar manager={todos} />
      <form aria-label="new todo" onSubmit={submit}>
        <input
          aria-label="title"
          placeholder="What needs doing?"
          aria-invalid={issues !== undefined}
          aria-describedby={issues && "title-issues"}
          value={form.values.title ?? ""}
          onChange={(event) => {
            form.setValue("title", event.target.value);
          }}
        />
        <button type="submit" disabled={form.submitting}>
          Add
        </button>
        {issues && (
          <div id="title-issues">
            {issues.map((issue) => (
              <p key={issue} className="issue" data-testid="issue">
                {issue}
              </p>
            ))}
          </div>
        )}
      </form>
      <ul>
        {rows.map((todo) => (
          <TodoRow key={todos.store.keyOf(todo.id)} id={todo.id} />
        ))}
      </ul>
    </section>
  );
}
