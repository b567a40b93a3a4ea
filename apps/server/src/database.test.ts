import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServer } from "./app";
import { readConfig } from "./config";

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

  // The same SQL on a real PostgreSQL: CI sets AOS_TEST_DATABASE_URL (see .ci/run).
  it.runIf(process.env.AOS_TEST_DATABASE_URL !== undefined)(
    "runs the same schema and SQL on PostgreSQL through DATABASE_URL",
    async () => {
      const server = await startServer({
        ...readConfig({ DATABASE_URL: process.env.AOS_TEST_DATABASE_URL }),
        port: 0,
      });
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? null : JSON.stringify(body),
        });
        return {
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
        };
      };
      try {
        expect((await call("GET", "/health")).body).toEqual({ ok: true, database: "postgres" });
        const created = await call("POST", "/api/checkboxes", { x: 7, y: 7 });
        expect(created.body).toMatchObject({ x: 7, y: 7, checked: false, version: 1 });
        const id = created.body.id as string;
        expect(
          (await call("PATCH", `/api/checkboxes/${id}`, { checked: true })).body,
        ).toMatchObject({
          checked: true,
          version: 2,
        });
        expect((await call("POST", "/api/checkboxes", { x: 7, y: 7 })).status).toBe(409);
        expect((await call("DELETE", `/api/checkboxes/${id}`)).body).toEqual({ id });
        expect(await server.repository.count("checkboxes")).toBe(0);
        // Made again at its id: above the deletion's version (3).
        expect((await call("POST", "/api/checkboxes", { id, x: 7, y: 7 })).body).toMatchObject({
          id,
          version: 4,
        });
        expect((await call("DELETE", `/api/checkboxes/${id}`)).body).toEqual({ id });
      } finally {
        await server.close();
      }
    },
  );
});
