import { holdRequests, openWindows, referenceServer, todoDemoTests } from "@aos/demo-kit/e2e";
import { expect, test } from "@playwright/test";
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

test("a sign-in the server cannot answer shows why, on the sign-in form", async ({ browser }) => {
  const [a] = await openWindows(browser, 1);
  const errors: string[] = [];
  a!.on("pageerror", (error) => errors.push(error.message));
  await a!.getByRole("button", { name: "Posts (sign in)" }).click();
  await server.stop();
  try {
    await a!.getByLabel("username").fill("carol");
    await a!.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(a!.getByText("The server answered 5")).toHaveCount(1);
    expect(errors).toEqual([]);
  } finally {
    await server.start();
  }
});

test("the sign-in and post forms announce their issues with their fields", async ({ browser }) => {
  const [a] = await openWindows(browser, 1);
  await a!.getByRole("button", { name: "Posts (sign in)" }).click();
  const username = a!.getByLabel("username");
  await username.fill("Not A Name");
  await a!.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription("1 to 32 of a-z, 0-9, _ and -");

  await username.fill("dave");
  await a!.getByRole("button", { name: "Sign in", exact: true }).click();
  const title = a!.getByLabel("post title");
  await title.fill("   ");
  await a!.getByRole("button", { name: "Post", exact: true }).click();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Required");
  await title.fill("Fixed");
  await expect(title).not.toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("");
});

test("the Post button is disabled while its post is in flight", async ({ browser }) => {
  const [a] = await openWindows(browser, 1);
  await a!.getByRole("button", { name: "Posts (sign in)" }).click();
  await a!.getByLabel("username").fill("erin");
  await a!.getByRole("button", { name: "Sign in", exact: true }).click();
  const post = a!.getByRole("button", { name: "Post", exact: true });
  const release = await holdRequests(a!, "**/api/posts**");

  await a!.getByLabel("post title").fill("Held");
  await post.click();
  await expect(a!.getByText("Held")).toHaveCount(1);
  await expect(post).toBeDisabled();
  release();

  await expect(a!.getByTestId("post").filter({ hasText: "Held" })).not.toHaveClass(/pending/);
  await expect(post).toBeEnabled();
});

test("a failed todo's error shows on the todos page only", async ({ browser }) => {
  const [a] = await openWindows(browser, 1);
  await a!.getByTestId("fail-next").check();
  await a!.getByLabel("title").fill("Doomed todo");
  await a!.getByRole("button", { name: "Add" }).click();
  await expect(a!.getByRole("alert")).toContainText("Failed on request (X-Fail)");

  await a!.getByRole("button", { name: "Posts (sign in)" }).click();
  await a!.getByLabel("username").fill("frank");
  await a!.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(a!.getByRole("heading", { name: "frank's posts" })).toBeVisible();
  await expect(a!.getByRole("alert")).toHaveCount(0);

  await a!.getByRole("button", { name: "Todos" }).click();
  await expect(a!.getByRole("alert")).toContainText("Failed on request (X-Fail)");
});

test("a user's failed post is not shown to the next user who signs in", async ({ browser }) => {
  const [a] = await openWindows(browser, 1);
  await a!.getByRole("button", { name: "Posts (sign in)" }).click();
  await a!.getByLabel("username").fill("grace");
  await a!.getByRole("button", { name: "Sign in", exact: true }).click();
  await a!.getByTestId("fail-next").check();
  await a!.getByLabel("post title").fill("Doomed post");
  await a!.getByRole("button", { name: "Post", exact: true }).click();
  await expect(a!.getByRole("alert")).toContainText("Failed on request (X-Fail)");

  await a!.getByRole("button", { name: "Sign out" }).click();
  await a!.getByLabel("username").fill("heidi");
  await a!.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(a!.getByRole("heading", { name: "heidi's posts" })).toBeVisible();
  await expect(a!.getByRole("alert")).toHaveCount(0);
});
