import { defineTestConfig } from "@aos/vitest-config";

export default defineTestConfig();
