import { demoPlaywrightConfig } from "@aos/demo-kit/e2e";

/** Where the e2e tests start the reference server; the app proxies to it. */
export const SERVER_PORT = 3193;

export default demoPlaywrightConfig({ serverPort: SERVER_PORT, appPort: 4185 });
