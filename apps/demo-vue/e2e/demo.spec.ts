import { referenceServer, todoDemoTests } from "@aos/demo-kit/e2e";
import { test } from "@playwright/test";
import { SERVER_PORT } from "../playwright.config";

test.describe.configure({ mode: "serial" });

const server = referenceServer(SERVER_PORT);
test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

todoDemoTests(server);
