// The release, rehearsed without publishing (issue 10). Every step runs as a user or a release
// would meet it, and the script exits non-zero on the first broken promise:
//
// 1. On a throwaway worktree of HEAD, `changeset version` bumps the packages as a release
//    would; no package may cross a major version no changeset asked for.
// 2. `pnpm pack` packs each published package. A tarball holds only dist, README, LICENSE and
//    package.json, and its manifest no `workspace:` or `catalog:` range; an internal range is
//    `^` the version packed alongside it.
// 3. The next release is planned twice (`changeset status`): a core patch bumps core alone, a
//    core minor (the breaking bump of 0.x) takes the adapters to their next minor, not 1.0.0.
// 4. Consumer projects (./consumers) are copied to a temporary folder outside the workspace
//    and installed from the tarballs with plain npm. Each type-checks under strict with
//    moduleResolution bundler and node16, builds, and runs (the Node scripts) or shows the
//    packed code in its bundle (the apps); none holds a package it did not ask for.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rehearseConsumers } from "./consumers.mjs";

const root = join(import.meta.dirname, "..", "..");
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const fail = (message) => {
  throw new Error(`release rehearsal: ${message}`);
};
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const major = (version) => Number(version.split(".")[0]);

const published = readdirSync(join(root, "packages"))
  .map((folder) => ({ folder, manifest: readJson(join(root, "packages", folder, "package.json")) }))
  .filter(({ manifest }) => manifest.private !== true);

/** The bumps the pending changesets ask for, by package: the highest of each. */
function declaredBumps(changesetFolder) {
  const rank = { patch: 1, minor: 2, major: 3 };
  const bumps = new Map();
  for (const file of readdirSync(changesetFolder)) {
    if (!file.endsWith(".md") || file === "README.md") continue;
    const [, frontMatter = ""] = /^---\n([\s\S]*?)\n---/.exec(
      readFileSync(join(changesetFolder, file), "utf8"),
    ) ?? [""];
    for (const [, name, bump] of frontMatter.matchAll(/^["']?([^"':]+)["']?:\s*(\w+)\s*$/gm)) {
      if ((rank[bump] ?? 0) > (rank[bumps.get(name)] ?? 0)) bumps.set(name, bump);
    }
  }
  return bumps;
}

console.log("==> build");
run(
  "pnpm",
  ["turbo", "run", "build", ...published.map(({ folder }) => `--filter=./packages/${folder}`)],
  root,
);

const scratch = mkdtempSync(join(tmpdir(), "aos-release-"));
const copy = join(scratch, "workspace");
const tarballs = join(scratch, "tarballs");
run("git", ["worktree", "add", "--detach", copy, "HEAD"], root);
try {
  if (run("git", ["status", "--porcelain"], root).trim() !== "") {
    console.warn("release rehearsal: uncommitted changes are not part of the rehearsal");
  }
  // The copy gets its own install (offline, from the store) and the builds above, so that
  // `changeset version` and `pnpm pack` run exactly as they would for a release.
  run("pnpm", ["install", "--frozen-lockfile", "--offline", "--ignore-scripts"], copy);
  for (const { folder } of published) {
    cpSync(join(root, "packages", folder, "dist"), join(copy, "packages", folder, "dist"), {
      recursive: true,
    });
  }

  console.log("==> changeset version (on a copy)");
  const declared = declaredBumps(join(copy, ".changeset"));
  run("pnpm", ["changeset", "version"], copy);
  if (declaredBumps(join(copy, ".changeset")).size > 0) {
    fail("changeset version left release notes unapplied");
  }
  for (const { folder, manifest } of published) {
    const { version } = readJson(join(copy, "packages", folder, "package.json"));
    if (major(version) > major(manifest.version) && declared.get(manifest.name) !== "major") {
      fail(
        `${manifest.name} would go from ${manifest.version} to ${version}, a major no changeset asked for`,
      );
    }
  }

  console.log("==> pnpm pack");
  mkdirSync(tarballs);
  const packed = new Map();
  for (const { folder, manifest } of published) {
    const tarball = run(
      "pnpm",
      ["pack", "--pack-destination", tarballs],
      join(copy, "packages", folder),
    )
      .trim()
      .split("\n")
      .at(-1);
    const files = run("tar", ["-tzf", tarball], scratch).trim().split("\n");
    const strays = files.filter(
      (file) => !/^package\/(dist\/.+|README\.md|LICENSE|package\.json)$/.test(file),
    );
    if (strays.length > 0) {
      fail(
        `${manifest.name} packs more than dist, README, LICENSE and package.json: ${strays.join(", ")}`,
      );
    }
    for (const required of ["package/README.md", "package/LICENSE", "package/package.json"]) {
      if (!files.includes(required)) fail(`${manifest.name} packs no ${required.slice(8)}`);
    }
    const text = run("tar", ["-xzOf", tarball, "package/package.json"], scratch);
    for (const protocol of ["workspace:", "catalog:"]) {
      if (text.includes(protocol))
        fail(`${manifest.name}'s packed package.json keeps a ${protocol} range`);
    }
    packed.set(manifest.name, { tarball, files: files.length, manifest: JSON.parse(text) });
  }
  for (const [name, { manifest, files }] of packed) {
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const [dependency, range] of Object.entries(ranges)) {
      const sibling = packed.get(dependency);
      if (sibling !== undefined && range !== `^${sibling.manifest.version}`) {
        fail(
          `${name} asks for ${dependency}@${range}, not ^${sibling.manifest.version} packed with it`,
        );
      }
    }
    const needs = Object.entries(ranges).map(([dependency, range]) => `${dependency}@${range}`);
    console.log(
      `${name}@${manifest.version}: ${files} files; needs ${needs.join(", ") || "nothing"}`,
    );
  }

  console.log("==> the next release, planned (changeset status)");
  const plan = (bump) => {
    const note = join(copy, ".changeset", "rehearsal-next.md");
    writeFileSync(note, `---\n"@aos/core": ${bump}\n---\n\nA ${bump} of core.\n`);
    const output = join(scratch, `plan-${bump}.json`);
    try {
      run("pnpm", ["changeset", "status", `--output=${output}`], copy);
    } finally {
      rmSync(note);
    }
    const releases = readJson(output).releases.filter((release) => release.type !== "none");
    return new Map(releases.map((release) => [release.name, release.newVersion]));
  };
  const core = packed.get("@aos/core").manifest.version;
  const next = (version, bump) => {
    const [x, y, z] = version.split(".").map(Number);
    return bump === "patch" ? `${x}.${y}.${z + 1}` : x === 0 ? `0.${y + 1}.0` : `${x}.${y + 1}.0`;
  };
  const peerDependents = [...packed.values()]
    .filter(({ manifest }) => manifest.peerDependencies?.["@aos/core"] !== undefined)
    .map(({ manifest }) => manifest);
  for (const bump of ["patch", "minor"]) {
    const releases = plan(bump);
    // In 0.x a minor is breaking: it leaves the adapters' ^0.y range, so they follow with a
    // minor of their own (and their range moves with it). A patch stays in range.
    const expected = new Map([["@aos/core", next(core, bump)]]);
    if (bump === "minor" && major(core) === 0) {
      for (const dependent of peerDependents) {
        expected.set(dependent.name, next(dependent.version, "minor"));
      }
    }
    const actual = [...releases].map(([name, version]) => `${name}@${version}`).sort();
    const wanted = [...expected].map(([name, version]) => `${name}@${version}`).sort();
    if (actual.join() !== wanted.join()) {
      fail(`a core ${bump} would release ${actual.join(", ")}; expected ${wanted.join(", ")}`);
    }
    console.log(`a core ${bump} would release ${actual.join(", ")}`);
  }

  console.log("==> consumers, installed from the tarballs with npm");
  rehearseConsumers(root, scratch, packed);
  console.log(
    `release rehearsal: ${packed.size} packages versioned, packed and installed; nothing published`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  run("git", ["worktree", "remove", "--force", copy], root);
  // AOS_REHEARSAL_KEEP=1 keeps the tarballs and consumers, to look into or rerun by hand.
  if (process.env.AOS_REHEARSAL_KEEP) console.log(`release rehearsal: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
