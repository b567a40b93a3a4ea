import { defineTestConfig } from "@aos/vitest-config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

export default defineTestConfig({
  plugins: [svelte(), svelteTesting()],
  test: { environment: "jsdom" },
});
