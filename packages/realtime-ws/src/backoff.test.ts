import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("grows exponentially from the initial delay up to the cap", () => {
    const noJitter = { initialDelay: 100, factor: 2, maxDelay: 1000, jitter: 0 };

    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("takes up to the jitter share off each delay, at random", () => {
    const options = { initialDelay: 1000, jitter: 0.5 };

    expect(backoffDelay(0, options, () => 0)).toBe(1000);
    expect(backoffDelay(0, options, () => 0.5)).toBe(750);
    expect(backoffDelay(0, options, () => 0.9)).toBe(550);
    expect(backoffDelay(0, { jitter: 3 }, () => 1)).toBe(0);
  });

  it("defaults to 500 ms doubling up to 30 s with half jitter", () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(500);
    expect(backoffDelay(20, undefined, () => 0)).toBe(30_000);
    const delay = backoffDelay(3);
    expect(delay).toBeGreaterThanOrEqual(2000);
    expect(delay).toBeLessThanOrEqual(4000);
  });
});
