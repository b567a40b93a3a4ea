// @ts-check
const row = { id: "x1", title: "x", done: false, version: 1 };
const deep = (/** @type {number} */ depth) => {
  /** @type {Record<string, unknown>} */
  let value = { id: "deep" };
  for (let level = 0; level < depth; level++) value = { nested: value, id: "deep" };
  return value;
};

/**
 * Events a store must drop and report, never apply, never throw on. Each is a payload as a
 * transport delivers it (already parsed), for the event type "todos".
 *
 * @type {readonly { name: string; payload: unknown }[]}
 */
export const malformedEvents = [
  { name: "null", payload: null },
  { name: "a string", payload: "INSERT" },
  { name: "a number", payload: 42 },
  { name: "an array", payload: [{ event: "INSERT", data: row }] },
  { name: "no event", payload: { data: row } },
  { name: "a numeric event", payload: { event: 1, data: row } },
  { name: "an unknown event", payload: { event: "UPSERT", data: row } },
  { name: "a lowercase event", payload: { event: "insert", data: row } },
  { name: "another type", payload: { type: "posts", event: "INSERT", data: row } },
  { name: "INSERT without data", payload: { event: "INSERT" } },
  { name: "INSERT with null data", payload: { event: "INSERT", data: null } },
  { name: "INSERT with string data", payload: { event: "INSERT", data: "x1" } },
  { name: "INSERT with array data", payload: { event: "INSERT", data: [row] } },
  { name: "UPDATE without id", payload: { event: "UPDATE", data: { title: "no id" } } },
  { name: "UPDATE with numeric id", payload: { event: "UPDATE", data: { ...row, id: 7 } } },
  { name: "UPDATE with empty id", payload: { event: "UPDATE", data: { ...row, id: "" } } },
  { name: "DELETE without id", payload: { event: "DELETE" } },
  { name: "DELETE with object id", payload: { event: "DELETE", id: { id: "x1" } } },
  { name: "numeric browserId", payload: { event: "INSERT", data: row, browserId: 5 } },
  { name: "object mutationId", payload: { event: "INSERT", data: row, mutationId: {} } },
  { name: "string version", payload: { event: "INSERT", data: row, version: "2" } },
  { name: "infinite version", payload: { event: "INSERT", data: row, version: Infinity } },
  {
    name: "a __proto__ key in data",
    payload: JSON.parse('{"event":"INSERT","data":{"id":"p1","__proto__":{"polluted":true}}}'),
  },
  {
    name: "a __proto__ key in the envelope",
    payload: JSON.parse('{"event":"INSERT","data":{"id":"p2"},"__proto__":{"polluted":true}}'),
  },
  {
    name: "a constructor key",
    payload: { event: "UPDATE", data: { id: "p3", constructor: { prototype: {} } } },
  },
  {
    name: "a prototype key",
    payload: { event: "UPDATE", data: { id: "p4", nested: { prototype: 1 } } },
  },
  {
    name: "a huge payload",
    payload: { event: "INSERT", data: { id: "big", title: "x".repeat(2_000_000) } },
  },
  { name: "a deeply nested payload", payload: { event: "INSERT", data: deep(200) } },
];
