import { describe, expect, it } from "vitest";
import { bearer, readToken, signToken, verifyToken } from "./auth";

describe("demo tokens", () => {
  const token = signToken("ada", "secret", 1_000);

  it("verify for the user they were signed for, until they expire", () => {
    expect(verifyToken(token, "secret", 2_000)).toBe("ada");
    expect(verifyToken(token, "secret", 1_000 + 24 * 60 * 60 * 1000 + 1)).toBeUndefined();
  });

  it.each([
    ["another secret", token, "other"],
    [
      "a tampered payload",
      `${Buffer.from('{"sub":"root","exp":9e15}').toString("base64url")}.${token.split(".")[1] ?? ""}`,
      "secret",
    ],
    ["a tampered signature", `${token.slice(0, -2)}xx`, "secret"],
    ["three parts", `${token}.extra`, "secret"],
    ["one part", "abc", "secret"],
    ["not a string", 42, "secret"],
    ["a huge string", "x".repeat(2000), "secret"],
  ])("refuse %s", (_, candidate, secret) => {
    expect(verifyToken(candidate, secret, 2_000)).toBeUndefined();
  });

  it("refuse a well-signed payload that is not a token", async () => {
    const { createHmac } = await import("node:crypto");
    const payload = Buffer.from("not json").toString("base64url");
    const signature = createHmac("sha256", "secret").update(payload).digest("base64url");

    expect(verifyToken(`${payload}.${signature}`, "secret")).toBeUndefined();
  });

  it("read with their expiry, as a connection must end then", () => {
    expect(readToken(token, "secret", 2_000)).toEqual({
      user: "ada",
      expiresAt: 1_000 + 24 * 60 * 60 * 1000,
    });
    expect(readToken(token, "other", 2_000)).toBeUndefined();
  });

  it("read the token of a Bearer header only", () => {
    expect(bearer("Bearer abc.def")).toBe("abc.def");
    expect(bearer("Basic abc")).toBeUndefined();
    expect(bearer(undefined)).toBeUndefined();
  });
});
