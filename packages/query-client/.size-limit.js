import { defineSizeLimit } from "@aos/size-limit-config";

export default defineSizeLimit([
  { name: "@aos/query-client", path: "dist/index.js", limit: "0.5 kB" },
]);
