import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The little the server needs from PostgreSQL, embedded (PGlite) or real (pg). */
export interface Database {
  readonly kind: "pglite" | "postgres";
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS todos (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  completed boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS posts (
  id uuid PRIMARY KEY,
  owner text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS posts_owner ON posts (owner, created_at);
-- The version each deleted id went with (per owner, who alone saw a private row): a row made
-- again at that id continues above it, since clients ignore anything older than a deletion.
CREATE TABLE IF NOT EXISTS tombstones (
  collection text NOT NULL,
  id uuid NOT NULL,
  owner text NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (collection, id, owner)
);
CREATE TABLE IF NOT EXISTS checkboxes (
  id uuid PRIMARY KEY,
  x integer NOT NULL,
  y integer NOT NULL,
  checked boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (x, y)
);
`;

/** Opens the database (PostgreSQL at `databaseUrl`, else PGlite) and creates the schema. */
export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<Database> {
  let database: Database;
  if (options.databaseUrl !== undefined) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl });
    database = {
      kind: "postgres",
      query: async (sql, params) => pool.query(sql, params as unknown[]),
      close: () => pool.end(),
    };
  } else {
    const memory = options.dataDir === "memory";
    if (!memory) mkdirSync(options.dataDir, { recursive: true });
    const lite = new PGlite(memory ? undefined : options.dataDir);
    database = {
      kind: "pglite",
      query: async (sql, params) => lite.query<Record<string, unknown>>(sql, params as unknown[]),
      close: () => lite.close(),
    };
  }
  for (const statement of SCHEMA.split(";")
    .map((part) => part.trim())
    .filter(Boolean)) {
    await database.query(statement);
  }
  return database;
}
