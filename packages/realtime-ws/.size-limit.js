import { defineSizeLimit } from "@aos/size-limit-config";

export default defineSizeLimit([
  { name: "@aos/realtime-ws", path: "dist/index.js", limit: "1.5 kB" },
]);
