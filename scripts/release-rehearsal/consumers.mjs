// Step 4 of the release rehearsal: projects that use AOS the way its users do, outside the
// workspace, installed from the packed tarballs with plain npm. `overrides` stands in for the
// registry: it sends every @aos/* a tarball depends on to its tarball too, so nothing is
// fetched under that scope. Everything else (React, Vue, Vite, TypeScript…) comes from the
// registry at the workspace catalog's versions, as a user's install would.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";

/** What each consumer may hold, and what must reach its output. */
const consumers = [
  {
    folder: "react-app",
    aos: [
      "@aos/core",
      "@aos/query-client",
      "@aos/react",
      "@aos/realtime-socketio",
      "@aos/transforms",
    ],
    forbidden: ["vue", "@vue/runtime-core", "svelte"],
    bundled: [
      "@aos/core/dist/index.js",
      "@aos/core/dist/realtime.js",
      "@aos/query-client/dist/index.js",
      "@aos/react/dist/index.js",
      "@aos/realtime-socketio/dist/index.js",
    ],
  },
  {
    folder: "vue-app",
    aos: ["@aos/core", "@aos/query-client", "@aos/realtime-ws", "@aos/transforms", "@aos/vue"],
    forbidden: ["react", "react-dom", "svelte", "socket.io-client", "engine.io-client", "ws"],
    bundled: [
      "@aos/core/dist/index.js",
      "@aos/core/dist/realtime.js",
      "@aos/query-client/dist/index.js",
      "@aos/realtime-ws/dist/index.js",
      "@aos/vue/dist/index.js",
    ],
  },
  {
    folder: "node-scripts",
    aos: ["@aos/core", "@aos/query-client", "@aos/transforms"],
    forbidden: ["react", "vue", "svelte", "socket.io-client", "ws"],
    // What main.mts prints, once as CommonJS and once as an ES module.
    result: {
      optimistic: { done: true, pending: true, serverDone: false },
      confirmed: { done: true, pending: false, serverDone: true, updatedAtIsDate: true },
      refused: { shown: " ", after: "Tea", error: "MutationError", pending: false },
    },
  },
];

const fail = (message) => {
  throw new Error(`release rehearsal: ${message}`);
};
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// npm as a user runs it: none of the npm_config_* settings pnpm passes to its scripts.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name)),
);
const sh = (command, args, cwd) => {
  try {
    return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    return fail(`${command} ${args.join(" ")} failed in ${cwd}:\n${error.stdout}${error.stderr}`);
  }
};

/** The catalog of pnpm-workspace.yaml: consumers install `catalog:` at these versions. */
function readCatalog(root) {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const [, body = ""] = /^catalog:\n((?:[ \t]+.*\n|\n)+)/m.exec(yaml) ?? [];
  return new Map(
    [...body.matchAll(/^\s+"?([^":\s]+)"?:\s*(\S+)\s*$/gm)].map(([, name, version]) => [
      name,
      version,
    ]),
  );
}

/** Every package under node_modules, nested ones too, as name -> versions. */
function installed(folder, found = new Map()) {
  const modules = join(folder, "node_modules");
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith(".")) continue;
    const names = entry.startsWith("@")
      ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`)
      : [entry];
    for (const name of names) {
      const manifest = join(modules, name, "package.json");
      if (!existsSync(manifest)) continue;
      found.set(name, [...(found.get(name) ?? []), readJson(manifest).version]);
      installed(join(modules, name), found);
    }
  }
  return found;
}

/**
 * Copies each consumer to `scratch`, installs it from the tarballs, then checks what it holds,
 * type-checks, builds and runs it. Throws on the first broken promise.
 * @param {string} root the workspace
 * @param {string} scratch a temporary folder outside the workspace
 * @param {Map<string, { tarball: string, manifest: { version: string } }>} packed by name
 */
export function rehearseConsumers(root, scratch, packed) {
  const catalog = readCatalog(root);
  const fixtures = join(import.meta.dirname, "consumers");
  for (const consumer of consumers) {
    const folder = join(scratch, "consumers", consumer.folder);
    cpSync(join(fixtures, consumer.folder), folder, { recursive: true });
    if (consumer.bundled)
      cpSync(join(fixtures, "report-modules.mjs"), join(folder, "report-modules.mjs"));
    if (consumer.result) cpSync(join(folder, "src", "main.mts"), join(folder, "src", "main.cts"));

    const manifest = readJson(join(folder, "package.json"));
    for (const field of ["dependencies", "devDependencies"]) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (range === "packed") manifest[field][name] = `file:${packed.get(name).tarball}`;
        else if (range === "catalog:")
          manifest[field][name] = catalog.get(name) ?? fail(`no ${name} in the catalog`);
      }
    }
    manifest.overrides = Object.fromEntries(
      [...packed]
        .filter(([name]) => manifest.dependencies[name] === undefined)
        .map(([name, { tarball }]) => [name, `file:${tarball}`]),
    );
    writeFileSync(join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

    sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], folder);
    sh("npm", ["ls", "--all"], folder); // fails on a missing or unmet peer, or an invalid range

    const packages = installed(folder);
    const aos = [...packages.keys()].filter((name) => name.startsWith("@aos/")).sort();
    if (aos.join() !== [...consumer.aos].sort().join()) {
      fail(`${consumer.folder} holds ${aos.join(", ")}; it asked for ${consumer.aos.join(", ")}`);
    }
    for (const name of aos) {
      const versions = packages.get(name);
      if (versions.length !== 1 || versions[0] !== packed.get(name).manifest.version) {
        fail(`${consumer.folder} holds ${name}@${versions.join(", ")}, not the one version packed`);
      }
    }
    const strays = consumer.forbidden.filter((name) => packages.has(name));
    if (strays.length > 0)
      fail(`${consumer.folder} holds ${strays.join(", ")}, which it never asked for`);

    sh("npm", ["run", "typecheck"], folder);
    sh("npm", ["run", "build"], folder);
    if (consumer.bundled) checkBundle(consumer, folder);
    if (consumer.result) checkRuns(consumer, folder);
    const set = aos.map((name) => `${name}@${packages.get(name)[0]}`).join(", ");
    console.log(`${consumer.folder}: ${packages.size} packages installed; ${set}`);
  }
}

/** The app's bundle holds code from each packed ESM build it uses, and no CommonJS build. */
function checkBundle(consumer, folder) {
  const modules = Object.entries(readJson(join(folder, "dist", "modules.json")));
  const bytes = (suffix) =>
    modules
      .filter(([id]) => id.replaceAll("\\", "/").endsWith(`node_modules/${suffix}`))
      .reduce((sum, [, length]) => sum + length, 0);
  for (const file of consumer.bundled) {
    if (bytes(file) === 0) fail(`${consumer.folder}'s bundle holds no code from ${file}`);
  }
  const commonjs = modules.filter(([id]) => /node_modules\/@aos\/[^/]+\/dist\/.*\.cjs$/.test(id));
  if (commonjs.length > 0)
    fail(`${consumer.folder} bundled CommonJS builds: ${commonjs.map(([id]) => id).join(", ")}`);
  const kept = consumer.bundled.map(
    (file) => `${file.replace("/dist/", ": ").replace(/\.js$/, "")} ${bytes(file)} B`,
  );
  console.log(`${consumer.folder}: built; its bundle keeps ${kept.join(", ")}`);
}

/** The Node scripts load AOS with require and with import, and print what they expect. */
function checkRuns(consumer, folder) {
  const emitted = {
    "main.cjs": /require\("@aos\/core"\)/,
    "main.mjs": /from "@aos\/core"/,
  };
  for (const [file, loads] of Object.entries(emitted)) {
    if (!loads.test(readFileSync(join(folder, "dist", file), "utf8"))) {
      fail(`${consumer.folder}/dist/${file} does not load @aos/core as its module format should`);
    }
    const output = sh("node", [join("dist", file)], folder);
    const line = output.split("\n").find((text) => text.startsWith("RESULT "));
    const result = line === undefined ? undefined : JSON.parse(line.slice(7));
    if (!isDeepStrictEqual(result, consumer.result)) {
      fail(
        `${consumer.folder}/dist/${file} printed ${output}; expected RESULT ${JSON.stringify(consumer.result)}`,
      );
    }
    console.log(`${consumer.folder}: node dist/${file} -> ${line}`);
  }
}
