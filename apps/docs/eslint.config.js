import { defineConfig } from "@aos/eslint-config";

export default defineConfig(
  import.meta.dirname,
  // VitePress's build output and the generated API reference.
  { ignores: [".vitepress/dist/**", ".vitepress/cache/**", "reference/api/**"] },
  // The samples show results the way a reader would try them.
  { files: ["snippets/**"], rules: { "no-console": "off" } },
);
