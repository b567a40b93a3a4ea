import { z } from "zod";

/** Longest title any collection accepts. */
export const MAX_TITLE = 200;
/** Longest post body. */
export const MAX_BODY = 5000;
/** The checkbox grid is GRID x GRID. */
export const GRID = 20;

const id = z.uuid({ message: "Must be a UUID" });
/** Text PostgreSQL can store: its `text` type has no room for the NUL character. */
const text = z
  .string({ message: "Must be text" })
  .refine((value) => !value.includes("\u0000"), "Must not contain the NUL character (\\u0000)");
const title = text.trim().min(1, "Required").max(MAX_TITLE, `At most ${MAX_TITLE} characters`);
const body = text.max(MAX_BODY, `At most ${MAX_BODY} characters`);

/** What a demo form sends to create a todo, and what the server accepts. */
export const todoCreate = z.strictObject({
  id: id.optional(),
  title,
  completed: z.boolean({ message: "Must be true or false" }).optional(),
});

/** What may change on a todo. */
export const todoUpdate = z
  .strictObject({
    title: title.optional(),
    completed: z.boolean({ message: "Must be true or false" }).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, "Nothing to change");

/** A post: the signed-in user's own. */
export const postCreate = z.strictObject({
  id: id.optional(),
  title,
  body: body.default(""),
});

export const postUpdate = z
  .strictObject({
    title: title.optional(),
    body: body.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, "Nothing to change");

const cell = z
  .number({ message: "Must be a number" })
  .int("Must be a whole number")
  .min(0, "Outside the grid")
  .max(GRID - 1, "Outside the grid");

/** One cell of the shared checkbox grid. */
export const checkboxCreate = z.strictObject({
  id: id.optional(),
  x: cell,
  y: cell,
  checked: z.boolean({ message: "Must be true or false" }).default(false),
});

export const checkboxUpdate = z.strictObject({
  checked: z.boolean({ message: "Must be true or false" }),
});

/** The demo login: a user name is all it takes. */
export const login = z.strictObject({
  username: z
    .string({ message: "Must be text" })
    .regex(/^[a-z0-9_-]{1,32}$/, "1 to 32 of a-z, 0-9, _ and -"),
});

/** Fields every stored row has. */
export interface StoredRow {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TodoRow extends StoredRow {
  title: string;
  completed: boolean;
}

export interface PostRow extends StoredRow {
  owner: string;
  title: string;
  body: string;
}

/** A grid cell as the API sends it: snake_case, timestamps as ISO strings. */
export interface CheckboxRow {
  id: string;
  x: number;
  y: number;
  checked: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The server's collections, their schemas and whether each row belongs to a user. */
export const collections = {
  todos: { create: todoCreate, update: todoUpdate, private: false },
  posts: { create: postCreate, update: postUpdate, private: true },
  checkboxes: { create: checkboxCreate, update: checkboxUpdate, private: false },
} as const;

export type CollectionName = keyof typeof collections;

/** The realtime envelope the server broadcasts for every committed change. */
export interface ChangeEnvelope<TRow = unknown> {
  type: CollectionName;
  event: "INSERT" | "UPDATE" | "DELETE";
  data?: TRow | undefined;
  id?: string | undefined;
  browserId?: string | undefined;
  mutationId?: string | undefined;
  version?: number | undefined;
}
