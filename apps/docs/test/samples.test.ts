// The docs never show code that does not compile: every TypeScript sample on the site is
// included from snippets/ (`<<< @/snippets/…`), which `pnpm typecheck` compiles. A code
// fence written inline in a page would escape that, so there must be none.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const site = join(dirname(fileURLToPath(import.meta.url)), "..");
const skipped = new Set(["node_modules", ".vitepress", "snippets", "test", "e2e", "public"]);

function pages(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      // The API reference is generated from the packages' TSDoc, which is compiled with them.
      return skipped.has(entry.name) || relative(site, path) === "reference/api" ? [] : pages(path);
    }
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

it("finds the site's pages", () => {
  expect(pages(site).length).toBeGreaterThanOrEqual(10);
});

it.each(pages(site).map((path) => relative(site, path)))(
  "%s has no inline TypeScript sample",
  (page) => {
    const fences = readFileSync(join(site, page), "utf8").match(
      /^```(ts|tsx|js|jsx|vue|svelte)\b.*$/gm,
    );
    expect(fences ?? []).toEqual([]);
  },
);
