import { memo } from "react";
import type { Row } from "../../src/data";
import { countRowRender } from "./probe";

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

/**
 * A row that re-renders only when its row object changes: how React Query's and React DB's
 * docs keep a list of rows cheap when the list re-renders on every message.
 */
export const MemoRow = memo(function MemoRow({ row }: { row: Row }) {
  countRowRender();
  return rowLine(row);
});
