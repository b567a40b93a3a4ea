import { holdRequests, openWindows, recordMutations, referenceServer } from "@aos/demo-kit/e2e";
import { expect, type Page, test } from "@playwright/test";
import { SERVER_PORT } from "../playwright.config";

test.describe.configure({ mode: "serial" });

const server = referenceServer(SERVER_PORT);
test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

const cell = (page: Page, x: number, y: number) =>
  page.getByLabel(`cell ${x},${y}`, { exact: true });
const checkedCount = async (page: Page) =>
  Number.parseInt((await page.getByTestId("checked-count").textContent()) ?? "", 10);

test("a toggle in one window appears in the other within a second, and exactly once in its own", async ({
  browser,
}) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];
  const before = await checkedCount(a);

  // (Pending cells are checked while a request is held, in the server-wins test: here the
  // answer may come before a busy machine looks.)
  await cell(a, 3, 4).click();
  const clicked = Date.now();
  await expect(cell(b, 3, 4)).toBeChecked({ timeout: 1000 });
  expect(Date.now() - clicked).toBeLessThan(1000);

  // Through the server's answer and its realtime echo, the cell never flips back or doubles.
  for (let sample = 0; sample < 20; sample++) {
    await expect(cell(a, 3, 4)).toBeChecked({ timeout: 0 });
    expect(await checkedCount(a)).toBe(before + 1);
    await a.waitForTimeout(50);
  }
  await expect(cell(a, 3, 4)).not.toHaveClass(/pending/);
  // The server's snake_case string timestamp reached the UI as a Date.
  await expect(cell(a, 3, 4)).toHaveAttribute("title", /^\(3, 4\) changed \d/);
  await expect(b.getByTestId("last-change")).toContainText(/last change \d/);
});

test("the same empty cell checked in two windows at once ends as one checked row", async ({
  browser,
}) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];
  const before = await checkedCount(a);
  const sentA = recordMutations(a);
  const sentB = recordMutations(b);

  await Promise.all([cell(a, 0, 19).click(), cell(b, 0, 19).click()]);

  for (const page of [a, b]) {
    await expect(cell(page, 0, 19)).toBeChecked();
    await expect(cell(page, 0, 19)).not.toHaveClass(/pending/);
    await expect(page.getByTestId("sync")).toHaveText("0 pending");
    expect(await checkedCount(page)).toBe(before + 1);
  }
  await expect(a.getByRole("alert")).toHaveCount(0);
  await expect(b.getByRole("alert")).toHaveCount(0);
  // Both created the cell under its one id; the server refused the second create (409) and
  // that window set the cell instead.
  const id = "00000000-0000-4000-8000-000000019000";
  expect([...sentA, ...sentB].sort()).toEqual([
    `PATCH /api/checkboxes/${id}`,
    "POST /api/checkboxes",
    "POST /api/checkboxes",
  ]);
});

test("a forced failure shows the toggle, then undoes it with an error, while a concurrent toggle stays", async ({
  browser,
}) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];

  // Hold both requests until the optimistic state has been seen.
  const release = await holdRequests(a, "**/api/checkboxes");
  await a.getByTestId("fail-next").check();
  await cell(a, 5, 5).click();
  await cell(a, 6, 6).click();
  await expect(cell(a, 5, 5)).toBeChecked();
  await expect(cell(a, 5, 5)).toHaveClass(/pending/);
  await expect(cell(a, 6, 6)).toBeChecked();
  release();

  await expect(a.getByRole("alert")).toContainText("Failed on request (X-Fail)");
  await expect(cell(a, 5, 5)).not.toBeChecked();
  await expect(cell(a, 6, 6)).toBeChecked();
  await expect(cell(a, 6, 6)).not.toHaveClass(/pending/);
  await expect(cell(b, 6, 6)).toBeChecked();
  await expect(cell(b, 5, 5)).not.toBeChecked();
});

test("a dismissed error stays hidden, though the store's status holds it until a change succeeds", async ({
  browser,
}) => {
  const [a] = (await openWindows(browser, 1)) as [Page];
  await a.getByTestId("fail-next").check();
  await cell(a, 8, 3).click();
  await expect(a.getByRole("alert")).toContainText("Failed on request (X-Fail)");

  await a.getByRole("button", { name: "dismiss" }).click();
  await expect(a.getByRole("alert")).toHaveCount(0);
});

test("server-wins: another window's toggle shows at once over a click still in flight, which then lands", async ({
  browser,
}) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];
  await cell(a, 12, 12).click();
  await expect(cell(b, 12, 12)).toBeChecked();
  await expect(cell(a, 12, 12)).not.toHaveClass(/pending/);

  // Hold window A's next change in the network.
  const release = await holdRequests(a, "**/api/checkboxes/**", ["PATCH"]);
  await cell(a, 12, 12).click();
  await expect(cell(a, 12, 12)).not.toBeChecked();
  await expect(cell(a, 12, 12)).toHaveClass(/pending/);

  // B unchecks, then checks again. A shows B's latest value and drops its own pending view
  // (with "rebase" A would keep showing its own unchecked cell).
  await cell(b, 12, 12).click();
  await expect(cell(b, 12, 12)).not.toHaveClass(/pending/);
  await cell(b, 12, 12).click();
  await expect(cell(b, 12, 12)).not.toHaveClass(/pending/);
  await expect(cell(a, 12, 12)).toBeChecked();
  await expect(cell(a, 12, 12)).not.toHaveClass(/pending/);

  // A's click lands last on the server, so both windows end with it.
  release();
  await expect(cell(a, 12, 12)).not.toBeChecked();
  await expect(cell(b, 12, 12)).not.toBeChecked();
  await expect(a.getByTestId("sync")).toHaveText("0 pending");
});

test("an invalid form shows its field issues and sends no request; a valid one sets the cell", async ({
  browser,
}) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];
  const sent = recordMutations(a);

  await a.getByLabel("x", { exact: true }).fill("25");
  await a.getByLabel("y", { exact: true }).fill("1.5");
  await a.getByRole("button", { name: "Set" }).click();
  await expect(a.getByTestId("issue")).toHaveText([
    "x: Outside the grid",
    "y: Must be a whole number",
  ]);
  // A screen reader announces each issue with the field it belongs to.
  for (const [field, issue] of [
    ["x", "x: Outside the grid"],
    ["y", "y: Must be a whole number"],
  ] as const) {
    await expect(a.getByLabel(field, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(a.getByLabel(field, { exact: true })).toHaveAccessibleDescription(issue);
  }
  await a.waitForTimeout(300);
  expect(sent).toEqual([]);

  await a.getByLabel("x", { exact: true }).fill("7");
  await a.getByLabel("y", { exact: true }).fill("8");
  await expect(a.getByLabel("x", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(a.getByLabel("x", { exact: true })).toHaveAccessibleDescription("");
  await a.getByRole("button", { name: "Set" }).click();
  await expect(a.getByTestId("issue")).toHaveCount(0);
  await expect(cell(b, 7, 8)).toBeChecked();
  expect(sent).toEqual(["POST /api/checkboxes"]);
});

test("the form's fields show what it will send: cleared with it once its cell is set", async ({
  browser,
}) => {
  const [a] = (await openWindows(browser, 1)) as [Page];
  const x = a.getByLabel("x", { exact: true });
  const y = a.getByLabel("y", { exact: true });

  await x.fill("2");
  await y.fill("9");
  await a.getByLabel("checked", { exact: true }).uncheck();
  await a.getByRole("button", { name: "Set" }).click();
  await expect(a.getByTestId("sync")).toHaveText("0 pending");
  await expect(a.getByLabel("checked", { exact: true })).toBeChecked();

  // The form cleared its values: the fields must not go on showing the old coordinates,
  // which a second "Set" would refuse as missing.
  await expect(x).toHaveValue("");
  await expect(y).toHaveValue("");
  await x.fill("3");
  await y.fill("9");
  await a.getByRole("button", { name: "Set" }).click();
  await expect(cell(a, 3, 9)).toBeChecked();
  await expect(a.getByTestId("issue")).toHaveCount(0);
});

test("the Set button is disabled while its cell is in flight", async ({ browser }) => {
  const [a] = (await openWindows(browser, 1)) as [Page];
  const set = a.getByRole("button", { name: "Set" });
  const release = await holdRequests(a, "**/api/checkboxes**");

  await a.getByLabel("x", { exact: true }).fill("4");
  await a.getByLabel("y", { exact: true }).fill("15");
  await set.click();
  await expect(cell(a, 4, 15)).toHaveClass(/pending/);
  await expect(set).toBeDisabled();
  release();

  await expect(cell(a, 4, 15)).not.toHaveClass(/pending/);
  await expect(set).toBeEnabled();
});

test("the form sets a cell another client made under an id of its own", async ({ browser }) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];
  const response = await fetch(`http://127.0.0.1:${SERVER_PORT}/api/checkboxes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ x: 10, y: 10, checked: true }),
  });
  expect(response.status).toBe(201);
  await expect(cell(a, 10, 10)).toBeChecked();

  await a.getByLabel("x", { exact: true }).fill("10");
  await a.getByLabel("y", { exact: true }).fill("10");
  await a.getByLabel("checked", { exact: true }).uncheck();
  await a.getByRole("button", { name: "Set" }).click();

  await expect(a.getByTestId("sync")).toHaveText("0 pending");
  await expect(a.getByRole("alert")).toHaveCount(0);
  await expect(cell(a, 10, 10)).not.toBeChecked();
  await expect(cell(b, 10, 10)).not.toBeChecked();
});

test("when the server stops and starts again, both windows show it, reconnect and converge", async ({
  browser,
}, testInfo) => {
  const [a, b] = (await openWindows(browser, 2)) as [Page, Page];

  await server.stop();
  await expect(a.getByTestId("connection")).toHaveText("reconnecting…");
  await expect(b.getByTestId("connection")).toHaveText("reconnecting…");
  // Another client, with an id of its own (the grid finds cells by position).
  await server.writeWhileStopped("checkboxes", { x: 19, y: 0, checked: true });
  await server.start();

  for (const page of [a, b]) {
    await expect(page.getByTestId("connection")).toHaveText("live", { timeout: 20_000 });
    await expect(cell(page, 19, 0)).toBeChecked();
  }
  expect(await checkedCount(a)).toBe(await checkedCount(b));
  await a.screenshot({ path: testInfo.outputPath("grid.png") });
});
