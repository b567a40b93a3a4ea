// Every package measures its bundle the way an app ships it: bundled by esbuild, minified,
// gzipped, peers left out (size-limit's default), and built for production, so the
// development-only warnings (`process.env.NODE_ENV !== "production"`) are not counted.
const production = (config) => ({
  ...config,
  define: { ...config.define, "process.env.NODE_ENV": '"production"' },
});

/**
 * size-limit checks with the workspace's measure: gzip, and a production build.
 *
 * @example
 * // .size-limit.js
 * export default defineSizeLimit([{ name: "@aos/react", path: "dist/index.js", limit: "1.5 kB" }]);
 */
export function defineSizeLimit(checks) {
  return checks.map((check) => ({ gzip: true, modifyEsbuildConfig: production, ...check }));
}
