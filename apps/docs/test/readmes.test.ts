// Every published package's README says what it is for, how to install it, shows an example
// and links to its pages on this site: checked here so a renamed page cannot strand a link.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const packages = readdirSync(join(root, "packages")).filter((name) =>
  existsSync(join(root, "packages", name, "package.json")),
);

describe.each(packages)("packages/%s/README.md", (name) => {
  const folder = join(root, "packages", name);
  const readme = readFileSync(join(folder, "README.md"), "utf8");
  const { name: packageName } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
    name: string;
  };

  it("names the package, says what it is for and how to install it", () => {
    expect(readme.startsWith(`# ${packageName}\n\n`)).toBe(true);
    expect(readme.split("\n")[2]?.length ?? 0).toBeGreaterThan(40);
    expect(readme).toMatch(new RegExp(`npm install [^\\n]*${packageName.replace("/", "\\/")}`));
  });

  it("shows an example of ten lines or so", () => {
    const example = /```(?:ts|tsx|svelte|vue)\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(example.trim().split("\n").length).toBeGreaterThanOrEqual(5);
  });

  it("links to its docs pages, and they exist", () => {
    const links = [...readme.matchAll(/\]\((\.\.\/\.\.\/apps\/docs\/[^)]+\.md)\)/g)].map(
      (match) => match[1] ?? "",
    );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(existsSync(resolve(folder, link)), link).toBe(true);
  });
});
