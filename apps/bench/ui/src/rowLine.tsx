import type { Row } from "../../src/data";

/** The same `<li>` for every contender: id, title, completed and updatedAt. */
export function rowLine(row: Row) {
  return (
    <li data-id={row.id}>
      <code>{row.id}</code> <span>{row.title}</span> <span>{row.completed ? "done" : "to do"}</span>{" "}
      <time>{row.updatedAt}</time>
    </li>
  );
}

/** The text content {@link rowLine} gives `row`: what the page checks the DOM against. */
export const rowText = (row: Row) =>
  `${row.id} ${row.title} ${row.completed ? "done" : "to do"} ${row.updatedAt}`;
