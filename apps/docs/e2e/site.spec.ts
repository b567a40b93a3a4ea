import { expect, type Page, test } from "@playwright/test";

/** Console errors, uncaught exceptions and failed requests of a page, from when it opens. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

test("the home page renders its pitch and links to the guide, with no console errors", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("/");

  await expect(page.getByRole("heading", { level: 1 })).toContainText("AOS");
  await expect(page.getByText("Instant, and exactly right when it fails")).toBeVisible();
  await page.getByRole("link", { name: "Get started" }).first().click();
  await expect(page).toHaveURL(/\/guide\/getting-started$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Getting started/);
  expect(errors).toEqual([]);
});

test("a guide shows its type-checked samples and its diagram loads", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/guide/getting-started");

  // The samples are included from snippets/, which `pnpm typecheck` compiles.
  await expect(
    page.locator("pre code").filter({ hasText: "createOptimisticStoreManager" }),
  ).toHaveCount(1);
  await expect(page.locator("pre code").filter({ hasText: "useEntity(todos, id)" })).toHaveCount(1);

  await page.goto("/concepts/state-model");
  const diagram = page.getByRole("img", { name: /Confirmed rows plus the pending log/ });
  await expect(diagram).toBeVisible();
  expect(await diagram.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(
    0,
  );
  expect(errors).toEqual([]);
});

test("the API reference is generated from the packages' TSDoc", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/reference/api/core/functions/createOptimisticStoreManager");

  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "createOptimisticStoreManager",
  );
  // The example in the function's TSDoc, rendered as code.
  await expect(page.locator("pre code").first()).toBeVisible();
  expect(errors).toEqual([]);
});
