import { defineSizeLimit } from "@aos/size-limit-config";

export default defineSizeLimit([{ name: "@aos/react", path: "dist/index.js", limit: "1.5 kB" }]);
