import { defineTestConfig } from "@aos/vitest-config";

export default defineTestConfig({ test: { environment: "jsdom" } });
