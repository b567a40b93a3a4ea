import { ConflictError, MutationError, ValidationError } from "@aos/core";
import { todos } from "../getting-started/todos";

// #region concurrent
export async function renameAndComplete(id: string) {
  // Both show at once: the title and the tick are two pending changes to one row.
  const rename = todos.actions.update({ id, data: { title: "Buy oat milk" } });
  const complete = todos.actions.update({ id, data: { completed: true } });
  console.info(todos.store.get(id)); // { title: "Buy oat milk", completed: true, … }

  // If the rename fails, only the rename is taken back: the tick stays on screen, and its own
  // request still decides whether it stays for good.
  const [renamed, completed] = await Promise.allSettled([rename, complete]);
  return { renamed: renamed.status, completed: completed.status };
}
// #endregion concurrent

// #region errors
export function explain(error: unknown): string {
  if (error instanceof ValidationError) {
    // Nothing was sent: the schema refused the input. Issues by field, for a form.
    return Object.entries(error.fields)
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("\n");
  }
  if (error instanceof ConflictError) {
    return `Somebody deleted this todo while you were editing it.`;
  }
  if (error instanceof MutationError) {
    // The server refused or failed; the change has been rolled back. `cause` is your error.
    return `Could not ${error.kind} the todo: ${String(error.cause)}`;
  }
  return String(error);
}
// #endregion errors
