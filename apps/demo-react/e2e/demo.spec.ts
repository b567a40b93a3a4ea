import { type Browser, expect, type Page, test } from "@playwright/test";
import { referenceServer } from "./server";

test.describe.configure({ mode: "serial" });

const server = referenceServer();
test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

async function openWindows(browser: Browser, count: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let index = 0; index < count; index++) {
    const page = await (await browser.newContext()).newPage();
    await page.goto("/");
    await expect(page.getByTestId("connection")).toHaveText("live");
    pages.push(page);
  }
  return pages;
}

async function addTodo(page: Page, title: string) {
  await page.getByLabel("title").fill(title);
  await page.getByRole("button", { name: "Add" }).click();
}

const titles = (page: Page) => page.getByTestId("todo-title").allTextContents();

test("a change in one window appears in the other within a second, and exactly once in its own", async ({
  browser,
}, testInfo) => {
  const [a, b] = await openWindows(browser, 2);
  const title = `Buy milk ${Date.now()}`;

  await addTodo(a!, title);
  const added = Date.now();
  await expect(a!.getByText(title)).toHaveCount(1);
  await expect(b!.getByText(title)).toHaveCount(1, { timeout: 1000 });
  expect(Date.now() - added).toBeLessThan(1000);

  // Through the server's answer and its realtime echo, the row never doubles or disappears.
  for (let sample = 0; sample < 20; sample++) {
    expect((await titles(a!)).filter((text) => text === title)).toHaveLength(1);
    await a!.waitForTimeout(50);
  }
  await a!.screenshot({ path: testInfo.outputPath("todos.png") });
});

test("a forced failure shows the row, then removes it with an error, while a concurrent change stays", async ({
  browser,
}) => {
  const [a] = await openWindows(browser, 1);
  const kept = `Kept ${Date.now()}`;
  await addTodo(a!, kept);
  await expect(a!.getByTestId("todo").filter({ hasText: kept })).not.toHaveClass(/pending/);

  await a!.getByTestId("fail-next").check();
  await addTodo(a!, "Doomed");
  await expect(a!.getByText("Doomed")).toHaveCount(1);
  await a!.getByLabel(`done: ${kept}`).check();

  await expect(a!.getByRole("alert")).toContainText("Failed on request (X-Fail)");
  await expect(a!.getByText("Doomed")).toHaveCount(0);
  await expect(a!.getByLabel(`done: ${kept}`)).toBeChecked();
  await expect(a!.getByTestId("todo").filter({ hasText: kept })).not.toHaveClass(/pending/);
});

test("when the server stops and starts again, both windows show it, reconnect and converge", async ({
  browser,
}) => {
  const [a, b] = await openWindows(browser, 2);

  await server.stop();
  await expect(a!.getByTestId("connection")).toHaveText("reconnecting…");
  await expect(b!.getByTestId("connection")).toHaveText("reconnecting…");
  await server.writeWhileStopped("Written while you were away");
  await server.start();

  for (const page of [a!, b!]) {
    await expect(page.getByTestId("connection")).toHaveText("live", { timeout: 20_000 });
    await expect(page.getByText("Written while you were away")).toHaveCount(1);
  }
  expect(await titles(a!)).toEqual(await titles(b!));
});

test("user B never sees user A's posts", async ({ browser }) => {
  const [alice, bob] = await openWindows(browser, 2);
  for (const [page, name] of [
    [alice!, "alice"],
    [bob!, "bob"],
  ] as const) {
    await page.getByRole("button", { name: "Posts (sign in)" }).click();
    await page.getByLabel("username").fill(name);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: `${name}'s posts` })).toBeVisible();
  }

  await alice!.getByLabel("post title").fill("Alice's secret");
  await alice!.getByRole("button", { name: "Post", exact: true }).click();
  await expect(alice!.getByText("Alice's secret")).toHaveCount(1);
  await bob!.getByLabel("post title").fill("Bob's note");
  await bob!.getByRole("button", { name: "Post", exact: true }).click();
  // The positive control: Bob's own post arrived; Alice's, created first, never does.
  await expect(bob!.getByText("Bob's note")).toHaveCount(1);
  await bob!.waitForTimeout(500);

  await expect(bob!.getByText("Alice's secret")).toHaveCount(0);
  await expect(alice!.getByText("Bob's note")).toHaveCount(0);
});

test("an invalid form shows its field issues and sends no request", async ({ browser }) => {
  const [a] = await openWindows(browser, 1);
  const mutations: string[] = [];
  a!.on("request", (request) => {
    if (request.url().includes("/api/") && request.method() !== "GET")
      mutations.push(request.url());
  });

  await addTodo(a!, "   ");

  await expect(a!.getByTestId("issue")).toHaveText("Required");
  await a!.waitForTimeout(300);
  expect(mutations).toEqual([]);
});
