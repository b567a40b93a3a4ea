// @ts-check

/**
 * An in-process CRUD backend for realtime tests: a versioned table whose every committed
 * change is broadcast as the AOS envelope, echoing the mutation's browserId and mutationId.
 *
 * @param {(envelope: Record<string, unknown>) => void} broadcast
 * @param {string} [type]
 */
export function createTodoBackend(broadcast, type = "todos") {
  /** @type {Map<string, { id: string; title: string; done: boolean; version: number }>} */
  const table = new Map();
  let nextId = 1;

  /** @param {string} event @param {{ id: string; version: number }} row @param {{ browserId?: string; mutationId?: string }} [context] */
  const publish = (event, row, context = {}) =>
    broadcast({
      type,
      event,
      ...(event === "DELETE" ? { id: row.id } : { data: { ...row } }),
      browserId: context.browserId,
      mutationId: context.mutationId,
      version: row.version,
    });

  return {
    table,
    rows: () => [...table.values()].map((row) => ({ ...row })),
    list: async () => [...table.values()].map((row) => ({ ...row })),
    /** @param {{ id?: string; title?: string; done?: boolean }} data @param {{ browserId?: string; mutationId?: string }} [context] */
    create: async (data, context) => {
      const id = data.id ?? `s${nextId++}`;
      const row = { id, title: data.title ?? "", done: data.done ?? false, version: 1 };
      table.set(id, row);
      publish("INSERT", row, context);
      return { ...row };
    },
    /** @param {{ id: string; data: { title?: string; done?: boolean } }} variables @param {{ browserId?: string; mutationId?: string }} [context] */
    update: async ({ id, data }, context) => {
      const current = table.get(id);
      if (!current) throw new Error("404");
      const row = { ...current, ...data, id, version: current.version + 1 };
      table.set(id, row);
      publish("UPDATE", row, context);
      return { ...row };
    },
    /** @param {string} id @param {{ browserId?: string; mutationId?: string }} [context] */
    remove: async (id, context) => {
      const current = table.get(id);
      if (!current) throw new Error("404");
      table.delete(id);
      publish("DELETE", { id, version: current.version + 1 }, context);
      return { id };
    },
  };
}
