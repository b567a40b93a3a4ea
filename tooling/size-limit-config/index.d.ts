import type { Check } from "size-limit";

/**
 * size-limit checks with the workspace's measure: gzip, and a production build.
 *
 * @example
 * // .size-limit.js
 * export default defineSizeLimit([{ name: "@aos/react", path: "dist/index.js", limit: "1.5 kB" }]);
 */
export declare function defineSizeLimit(checks: readonly Check[]): Check[];
