import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServer } from "./app";
import { readConfig } from "./config";
import { openDatabase } from "./database";

describe("the database", () => {
  it("keeps rows on disk across restarts of the embedded database", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "aos-server-"));
    try {
      const first = await startServer({ ...readConfig({}), port: 0, dataDir });
      const created = await fetch(`${first.url}/api/todos`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title: "survives" }),
      }).then((response) => response.json() as Promise<{ id: string }>);
      await first.close();

      const second = await startServer({ ...readConfig({}), port: 0, dataDir });
      const rows = await fetch(`${second.url}/api/todos`).then(
        (response) => response.json() as Promise<{ id: string }[]>,
      );
      await second.close();

      expect(rows.map((row) => row.id)).toEqual([created.id]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // The same SQL on a real PostgreSQL: set AOS_TEST_DATABASE_URL to run it.
  it.runIf(process.env.AOS_TEST_DATABASE_URL !== undefined)(
    "runs the same schema and SQL on PostgreSQL",
    async () => {
      const database = await openDatabase({
        databaseUrl: process.env.AOS_TEST_DATABASE_URL,
        dataDir: "memory",
      });
      try {
        expect(database.kind).toBe("postgres");
        const { rows } = await database.query("SELECT count(*)::int AS count FROM todos");
        expect(typeof rows[0]?.count).toBe("number");
      } finally {
        await database.close();
      }
    },
  );
});
