// The release, rehearsed without publishing (issue 10): on a throwaway copy of the workspace,
// `changeset version` bumps the packages as a release would, `pnpm pack` packs each published
// package, and every tarball is checked the way the registry would serve it: only dist,
// README, LICENSE and package.json inside, and no `workspace:` range left in its manifest.
// Prints what it packed; exits non-zero on the first broken promise.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const fail = (message) => {
  throw new Error(`release rehearsal: ${message}`);
};

const published = readdirSync(join(root, "packages")).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));
  return manifest.private !== true;
});

console.log("==> build");
run(
  "pnpm",
  ["turbo", "run", "build", ...published.map((name) => `--filter=./packages/${name}`)],
  root,
);

// A throwaway copy: a worktree of HEAD with its own install (offline, from the store) and the
// builds above, so `changeset version` and `pnpm pack` run exactly as they would for a release.
const copy = mkdtempSync(join(tmpdir(), "aos-release-"));
const tarballs = join(copy, ".tarballs");
run("git", ["worktree", "add", "--detach", copy, "HEAD"], root);
try {
  if (run("git", ["status", "--porcelain"], root).trim() !== "") {
    console.warn("release rehearsal: uncommitted changes are not part of the rehearsal");
  }
  run("pnpm", ["install", "--frozen-lockfile", "--offline", "--ignore-scripts"], copy);
  for (const name of published) {
    cpSync(join(root, "packages", name, "dist"), join(copy, "packages", name, "dist"), {
      recursive: true,
    });
  }

  console.log("==> changeset version (on a copy)");
  run("pnpm", ["changeset", "version"], copy);
  const pending = readdirSync(join(copy, ".changeset")).filter(
    (file) => file.endsWith(".md") && file !== "README.md",
  );
  if (pending.length > 0) fail(`changeset version left ${pending.length} release notes unapplied`);

  console.log("==> pnpm pack");
  mkdirSync(tarballs);
  const rows = [];
  for (const name of published) {
    const folder = join(copy, "packages", name);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const packed = run("pnpm", ["pack", "--pack-destination", tarballs], folder)
      .trim()
      .split("\n")
      .at(-1);
    const files = run("tar", ["-tzf", packed], copy).trim().split("\n");
    const strays = files.filter(
      (file) => !/^package\/(dist\/.+|README\.md|LICENSE|package\.json)$/.test(file),
    );
    if (strays.length > 0)
      fail(
        `${manifest.name} packs more than dist, README, LICENSE and package.json: ${strays.join(", ")}`,
      );
    for (const required of ["package/README.md", "package/LICENSE", "package/package.json"]) {
      if (!files.includes(required)) fail(`${manifest.name} packs no ${required.slice(8)}`);
    }
    const packedManifest = run("tar", ["-xzOf", packed, "package/package.json"], copy);
    if (packedManifest.includes("workspace:"))
      fail(`${manifest.name}'s packed package.json keeps a workspace: range`);
    if (packedManifest.includes("catalog:"))
      fail(`${manifest.name}'s packed package.json keeps a catalog: range`);
    const { version, dependencies = {}, peerDependencies = {} } = JSON.parse(packedManifest);
    rows.push({
      name: manifest.name,
      version,
      files: files.length,
      dependencies,
      peerDependencies,
    });
  }
  for (const row of rows) {
    const needs = Object.entries({ ...row.dependencies }).map(([dep, range]) => `${dep}@${range}`);
    console.log(
      `${row.name}@${row.version}: ${row.files} files${needs.length > 0 ? `; depends on ${needs.join(", ")}` : ""}`,
    );
  }
  console.log(`release rehearsal: ${rows.length} packages versioned and packed; nothing published`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  run("git", ["worktree", "remove", "--force", copy], root);
  rmSync(copy, { recursive: true, force: true });
}
