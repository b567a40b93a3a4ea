import { randomUUID } from "node:crypto";
import type { CollectionName } from "@aos/app-schemas";
import { ApiError } from "./apiError";
import type { Database } from "./database";

type Row = Record<string, unknown> & { id: string; version: number };

/** Columns a client may write, per collection (field name = column name). */
const WRITABLE: Record<CollectionName, readonly string[]> = {
  todos: ["title", "completed"],
  posts: ["title", "body"],
  checkboxes: ["x", "y", "checked"],
};

const READABLE: Record<CollectionName, readonly string[]> = {
  todos: ["title", "completed"],
  posts: ["owner", "title", "body"],
  checkboxes: ["x", "y", "checked"],
};

const ORDER: Record<CollectionName, string> = {
  todos: "created_at, id",
  posts: "created_at, id",
  checkboxes: "y, x",
};

// The grid answers in snake_case, as an API built straight on its table often does; the
// Svelte demo maps it to camelCase and Dates with a custom transformer.
const TIMESTAMPS: Record<CollectionName, readonly string[]> = {
  todos: ['created_at AS "createdAt"', 'updated_at AS "updatedAt"'],
  posts: ['created_at AS "createdAt"', 'updated_at AS "updatedAt"'],
  checkboxes: ["created_at", "updated_at"],
};

function selectList(collection: CollectionName): string {
  return ["id", ...READABLE[collection], "version", ...TIMESTAMPS[collection]].join(", ");
}

function toApi(row: Record<string, unknown>): Row {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as Row;
}

const sqlState = (error: unknown): unknown =>
  typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;

/** The API's answer to a PostgreSQL error a client caused; anything else stays a 500. */
function clientError(error: unknown, collection: CollectionName): unknown {
  switch (sqlState(error)) {
    case "23505":
      return new ApiError(
        409,
        "CONFLICT",
        `A ${collection} row with this ${collection === "checkboxes" ? "cell" : "id"} exists.`,
      );
    // The schemas refuse NUL already; this keeps any text PostgreSQL cannot store a 422.
    case "22021":
      return new ApiError(422, "VALIDATION", "The request body has text PostgreSQL cannot store.");
    default:
      return error;
  }
}

/** SQL for the three collections; `owner` scopes private collections to one user. */
export function createRepository(database: Database) {
  const one = async (collection: CollectionName, id: string): Promise<Row | undefined> => {
    const { rows } = await database.query(
      `SELECT ${selectList(collection)} FROM ${collection} WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : toApi(rows[0]);
  };

  /** The row, checked to belong to `owner` for private collections. */
  const owned = async (collection: CollectionName, id: string, owner: string | undefined) => {
    const row = await one(collection, id);
    if (row === undefined) throw new ApiError(404, "NOT_FOUND", `No ${collection} row ${id}.`);
    if (owner !== undefined && row.owner !== owner) {
      throw new ApiError(403, "FORBIDDEN", "This row belongs to another user.");
    }
    return row;
  };

  return {
    list: async (collection: CollectionName, owner: string | undefined): Promise<Row[]> => {
      const where = owner === undefined ? "" : "WHERE owner = $1";
      const { rows } = await database.query(
        `SELECT ${selectList(collection)} FROM ${collection} ${where} ORDER BY ${ORDER[collection]}`,
        owner === undefined ? [] : [owner],
      );
      return rows.map(toApi);
    },

    insert: async (
      collection: CollectionName,
      data: Record<string, unknown>,
      owner: string | undefined,
    ): Promise<Row> => {
      const id = typeof data.id === "string" ? data.id : randomUUID();
      const columns = WRITABLE[collection].filter((column) => data[column] !== undefined);
      const names = ["id", ...columns, ...(owner === undefined ? [] : ["owner"])];
      const values = [
        id,
        ...columns.map((column) => data[column]),
        ...(owner === undefined ? [] : [owner]),
      ];
      // A row made again at a deleted id (an undo) continues above the deletion's version.
      const version = `COALESCE((SELECT version FROM tombstones WHERE collection = '${collection}'
        AND id = $1 AND owner = ${owner === undefined ? "''" : `$${values.length}`}), 0) + 1`;
      try {
        const { rows } = await database.query(
          `INSERT INTO ${collection} (${names.join(", ")}, version)
           VALUES (${names.map((_, index) => `$${index + 1}`).join(", ")}, ${version})
           RETURNING ${selectList(collection)}`,
          values,
        );
        const inserted = rows[0];
        if (inserted === undefined) throw new Error(`INSERT into ${collection} returned no row.`);
        return toApi(inserted);
      } catch (error) {
        throw clientError(error, collection);
      }
    },

    update: async (
      collection: CollectionName,
      id: string,
      data: Record<string, unknown>,
      owner: string | undefined,
    ): Promise<Row> => {
      await owned(collection, id, owner);
      const columns = WRITABLE[collection].filter((column) => data[column] !== undefined);
      const sets = columns.map((column, index) => `${column} = $${index + 2}`);
      // updatedAt may be a client's versionField: it never goes back and never repeats a
      // millisecond (JSON's precision), whatever the clock does between two writes.
      const stamp =
        "updated_at = GREATEST(clock_timestamp(), updated_at + interval '1 millisecond')";
      const values = [
        id,
        ...columns.map((column) => data[column]),
        ...(owner === undefined ? [] : [owner]),
      ];
      // The owner again in the statement: the row checked above may have gone since, and
      // another user's row taken its id.
      const mine = owner === undefined ? "" : `AND owner = $${values.length}`;
      const { rows } = await database
        .query(
          `UPDATE ${collection} SET ${[...sets, "version = version + 1", stamp].join(", ")}
           WHERE id = $1 ${mine} RETURNING ${selectList(collection)}`,
          values,
        )
        .catch((error: unknown) => {
          throw clientError(error, collection);
        });
      if (rows[0] === undefined) {
        // Nothing updated: say why (404 or 403).
        await owned(collection, id, owner);
        throw new ApiError(404, "NOT_FOUND", `No ${collection} row ${id}.`);
      }
      return toApi(rows[0]);
    },

    /**
     * Deletes the row; its id and the deletion's version: one above the version the row had
     * when it went (not when it was read), kept for a row made again at its id.
     */
    remove: async (
      collection: CollectionName,
      id: string,
      owner: string | undefined,
    ): Promise<{ id: string; version: number }> => {
      const { rows } = await database.query(
        `WITH gone AS (
           DELETE FROM ${collection} WHERE id = $1 ${owner === undefined ? "" : "AND owner = $2"}
           RETURNING id, version
         )
         INSERT INTO tombstones (collection, id, owner, version)
         SELECT '${collection}', id, ${owner === undefined ? "''" : "$2"}, version + 1 FROM gone
         ON CONFLICT (collection, id, owner) DO UPDATE SET version = excluded.version
         RETURNING id, version`,
        owner === undefined ? [id] : [id, owner],
      );
      const deleted = rows[0];
      if (deleted === undefined) {
        // Nothing deleted: say why (404 or 403).
        await owned(collection, id, owner);
        throw new ApiError(404, "NOT_FOUND", `No ${collection} row ${id}.`);
      }
      return { id: String(deleted.id), version: Number(deleted.version) };
    },

    count: async (collection: CollectionName): Promise<number> => {
      const { rows } = await database.query(`SELECT count(*)::int AS count FROM ${collection}`);
      return Number(rows[0]?.count ?? 0);
    },
  };
}

export type Repository = ReturnType<typeof createRepository>;
