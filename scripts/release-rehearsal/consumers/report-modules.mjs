// Copied into each app consumer by the release rehearsal: writes dist/modules.json, every
// module in the build's output with the number of bytes it kept there, so the rehearsal can
// tell that the packed @aos/* code (and which of its builds) made it into the app.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** @returns {import("vite").Plugin} */
export function reportModules() {
  let outDir = "dist";
  return {
    name: "aos-rehearsal-report-modules",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const modules = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        for (const [id, module] of Object.entries(output.modules)) {
          modules[id] = (modules[id] ?? 0) + module.renderedLength;
        }
      }
      writeFileSync(join(outDir, "modules.json"), JSON.stringify(modules, null, 2));
    },
  };
}
