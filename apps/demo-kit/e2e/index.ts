import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig, type RunningServer, startServer } from "@aos/server";
import { type Browser, defineConfig, expect, type Page, test } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium";

/** A demo's Playwright config: its built app served by `vite preview`, proxying to `serverPort`. */
export function demoPlaywrightConfig({
  serverPort,
  appPort,
}: {
  serverPort: number;
  appPort: number;
}) {
  return defineConfig({
    testDir: "e2e",
    outputDir: "test-results/e2e",
    reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
    workers: 1,
    timeout: 60_000,
    expect: { timeout: 10_000 },
    use: {
      baseURL: `http://127.0.0.1:${appPort}`,
      launchOptions: chromiumLaunchOptions,
    },
    webServer: {
      command: `vite preview --port ${appPort} --strictPort`,
      url: `http://127.0.0.1:${appPort}`,
      env: { AOS_SERVER_URL: `http://127.0.0.1:${serverPort}` },
      reuseExistingServer: false,
    },
  });
}

/** The real reference server on the port the app proxies to, over a fresh database on disk. */
export function referenceServer(port: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "aos-e2e-"));
  const config = { ...readConfig({}), port, dataDir, latencyMs: 150, secret: "e2e" };
  let running: RunningServer | undefined;
  return {
    start: async () => {
      running = await startServer(config);
    },
    stop: async () => {
      await running?.close();
      running = undefined;
    },
    /** Writes through another server instance on the same data, as another client would. */
    writeWhileStopped: async (collection: string, body: unknown) => {
      const other = await startServer({ ...config, port: 0 });
      const response = await fetch(`${other.url}/api/${collection}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await other.close();
      expect(response.status).toBe(201);
    },
  };
}

export type ReferenceServer = ReturnType<typeof referenceServer>;

/** Opens `count` windows (separate browser contexts) on the app, each live. */
export async function openWindows(browser: Browser, count: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let index = 0; index < count; index++) {
    const page = await (await browser.newContext()).newPage();
    await page.goto("/");
    await expect(page.getByTestId("connection")).toHaveText("live");
    pages.push(page);
  }
  return pages;
}

/**
 * Records the page's API mutations (every non-GET request under `/api/`) as
 * `"METHOD /path"`, in the order they are sent.
 */
export function recordMutations(page: Page): string[] {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/") && request.method() !== "GET")
      sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return sent;
}

/**
 * Holds the page's requests to `url` whose method is in `methods` until the returned
 * `release` is called: a change stays in flight for as long as a test needs to look at it.
 */
export async function holdRequests(
  page: Page,
  url: string,
  methods: readonly string[] = ["POST", "PATCH", "DELETE"],
): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    if (methods.includes(route.request().method())) await released;
    await route.continue();
  });
  return release;
}

async function addTodo(page: Page, title: string) {
  await page.getByLabel("title").fill(title);
  await page.getByRole("button", { name: "Add" }).click();
}

const titles = (page: Page) => page.getByTestId("todo-title").allTextContents();

/**
 * The browser tests every todo demo passes against the real server: echo and realtime between
 * windows, rollback of a forced failure, a server restart, an invalid form, a submit in
 * flight. Call it at the top of a spec file; the spec's `beforeAll`/`afterAll` start and stop
 * `server`.
 */
export function todoDemoTests(server: ReferenceServer): void {
  test("a change in one window appears in the other within a second, and exactly once in its own", async ({
    browser,
  }, testInfo) => {
    const [a, b] = (await openWindows(browser, 2)) as [Page, Page];
    const title = `Buy milk ${Date.now()}`;

    await addTodo(a, title);
    const added = Date.now();
    await expect(a.getByText(title)).toHaveCount(1);
    await expect(b.getByText(title)).toHaveCount(1, { timeout: 1000 });
    expect(Date.now() - added).toBeLessThan(1000);

    // Through the server's answer and its realtime echo, the row never doubles or disappears.
    for (let sample = 0; sample < 20; sample++) {
      expect((await titles(a)).filter((text) => text === title)).toHaveLength(1);
      await a.waitForTimeout(50);
    }
    await a.screenshot({ path: testInfo.outputPath("todos.png") });
  });

  test("a forced failure shows the row, then removes it with an error, while a concurrent change stays", async ({
    browser,
  }) => {
    const [a] = (await openWindows(browser, 1)) as [Page];
    const kept = `Kept ${Date.now()}`;
    await addTodo(a, kept);
    await expect(a.getByTestId("todo").filter({ hasText: kept })).not.toHaveClass(/pending/);

    // Hold both requests until the optimistic state has been seen: on a busy machine the
    // server's answer could otherwise come first.
    const release = await holdRequests(a, "**/api/todos**");
    await a.getByTestId("fail-next").check();
    await addTodo(a, "Doomed");
    await expect(a.getByText("Doomed")).toHaveCount(1);
    await expect(a.getByTestId("todo").filter({ hasText: "Doomed" })).toHaveClass(/pending/);
    await a.getByLabel(`done: ${kept}`).check();
    await expect(a.getByLabel(`done: ${kept}`)).toBeChecked();
    release();

    await expect(a.getByRole("alert")).toContainText("Failed on request (X-Fail)");
    await expect(a.getByText("Doomed")).toHaveCount(0);
    await expect(a.getByLabel(`done: ${kept}`)).toBeChecked();
    await expect(a.getByTestId("todo").filter({ hasText: kept })).not.toHaveClass(/pending/);
  });

  test("a dismissed error stays hidden, though the store's status holds it until a change succeeds", async ({
    browser,
  }) => {
    const [a] = (await openWindows(browser, 1)) as [Page];
    await a.getByTestId("fail-next").check();
    await addTodo(a, "Dismissed");
    await expect(a.getByRole("alert")).toContainText("Failed on request (X-Fail)");

    await a.getByRole("button", { name: "dismiss" }).click();
    await expect(a.getByRole("alert")).toHaveCount(0);
  });

  test("when the server stops and starts again, both windows show it, reconnect and converge", async ({
    browser,
  }) => {
    const [a, b] = (await openWindows(browser, 2)) as [Page, Page];

    await server.stop();
    await expect(a.getByTestId("connection")).toHaveText("reconnecting…");
    await expect(b.getByTestId("connection")).toHaveText("reconnecting…");
    await server.writeWhileStopped("todos", { title: "Written while you were away" });
    await server.start();

    for (const page of [a, b]) {
      await expect(page.getByTestId("connection")).toHaveText("live", { timeout: 20_000 });
      await expect(page.getByText("Written while you were away")).toHaveCount(1);
    }
    expect(await titles(a)).toEqual(await titles(b));
  });

  test("a change made while the server is unreachable fails with an error that says so", async ({
    browser,
  }) => {
    const [a] = (await openWindows(browser, 1)) as [Page];
    await server.stop();
    try {
      await expect(a.getByTestId("connection")).toHaveText("reconnecting…");
      await addTodo(a, "Written offline");

      // The proxy answers without a JSON body: the error names the answer, not a JSON parse.
      await expect(a.getByRole("alert")).toContainText("The server answered 5");
      await expect(a.getByRole("alert")).not.toContainText("JSON");
      await expect(a.getByText("Written offline")).toHaveCount(0);
    } finally {
      await server.start();
    }
  });

  test("an invalid form shows its field issues and sends no request", async ({ browser }) => {
    const [a] = (await openWindows(browser, 1)) as [Page];
    const mutations = recordMutations(a);

    await addTodo(a, "   ");

    await expect(a.getByTestId("issue")).toHaveText("Required");
    // A screen reader announces the issue with the field it belongs to.
    await expect(a.getByLabel("title")).toHaveAttribute("aria-invalid", "true");
    await expect(a.getByLabel("title")).toHaveAccessibleDescription("Required");
    await a.waitForTimeout(300);
    expect(mutations).toEqual([]);

    await a.getByLabel("title").fill("Fixed");
    await expect(a.getByTestId("issue")).toHaveCount(0);
    await expect(a.getByLabel("title")).not.toHaveAttribute("aria-invalid", "true");
    await expect(a.getByLabel("title")).toHaveAccessibleDescription("");
  });

  test("the Add button is disabled while its todo is in flight, and enabled once the server answers", async ({
    browser,
  }) => {
    const [a] = (await openWindows(browser, 1)) as [Page];
    const add = a.getByRole("button", { name: "Add" });
    const release = await holdRequests(a, "**/api/todos**");

    await addTodo(a, "Held");
    await expect(a.getByText("Held")).toHaveCount(1);
    await expect(add).toBeDisabled();
    release();

    await expect(a.getByTestId("todo").filter({ hasText: "Held" })).not.toHaveClass(/pending/);
    await expect(add).toBeEnabled();
  });
}
