import { useEntity, useList, usePending, useStatus } from "@aos/react";
import { todos } from "./todos";

export function TodoList() {
  const rows = useList(todos); // a new array only when rows come, go or move
  const status = useStatus(todos);
  return (
    <>
      {status.error !== null && <p role="alert">{status.error.message}</p>}
      <ul>
        {rows.map((todo) => (
          // keyOf: a key that survives the server replacing a temporary id
          <TodoItem key={todos.store.keyOf(todo.id)} id={todo.id} />
        ))}
      </ul>
      <button
        onClick={() => void todos.actions.create({ title: "New todo" }).catch(() => undefined)}
      >
        Add
      </button>
    </>
  );
}

function TodoItem({ id }: { id: string }) {
  const todo = useEntity(todos, id); // re-renders when this row changes, and only then
  const pending = usePending(todos, id); // changes waiting for the server
  if (todo === undefined) return null;
  const toggle = () =>
    todos.actions.update({ id, data: { completed: !todo.completed } }).catch(() => undefined);
  return (
    <li style={{ opacity: pending ? 0.6 : 1 }}>
      <input type="checkbox" checked={todo.completed} onChange={() => void toggle()} />
      {todo.title}
    </li>
  );
}
