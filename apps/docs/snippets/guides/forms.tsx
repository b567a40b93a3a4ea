import { useForm } from "@aos/react";
import { todos } from "../getting-started/todos";

// #region create
export function NewTodoForm() {
  // Typed by the create schema: values.title is a string, values.completed a boolean. The
  // empty title makes an empty submit say what the schema's `min(1)` says, not that the
  // field is missing.
  const form = useForm(todos, { kind: "create", initialValues: { title: "" } });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Resolves with the server's row, or undefined when it failed (form.error says why).
        void form.submit();
      }}
    >
      <input
        value={form.values.title ?? ""}
        onChange={(event) => {
          form.setValue("title", event.target.value);
        }}
        aria-invalid={form.issues.title !== undefined}
      />
      {form.issues.title?.map((message) => (
        <small key={message}>{message}</small>
      ))}
      <button disabled={form.submitting}>Add</button>
      {form.error !== null && <p role="alert">{form.error.message}</p>}
    </form>
  );
}
// #endregion create

// #region update
export function RenameForm({ id, title }: { id: string; title: string }) {
  const form = useForm(todos, { kind: "update", id, initialValues: { title } });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(); // sends only the fields the user changed
      }}
    >
      <input
        value={form.values.title ?? ""}
        onChange={(event) => {
          form.setValue("title", event.target.value);
        }}
      />
      <button disabled={form.submitting}>Rename</button>
    </form>
  );
}
// #endregion update
