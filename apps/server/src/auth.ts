import { createHmac, timingSafeEqual } from "node:crypto";

const DAY = 24 * 60 * 60 * 1000;

/** Signs a demo bearer token for `user`, valid for a day. */
export function signToken(user: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ sub: user, exp: now + DAY })).toString("base64url");
  return `${payload}.${createHmac("sha256", secret).update(payload).digest("base64url")}`;
}

/** The user a token was signed for, or `undefined` when it is forged, malformed or expired. */
export function verifyToken(token: unknown, secret: string, now = Date.now()): string | undefined {
  return readToken(token, secret, now)?.user;
}

/** The user and expiry (epoch ms) of a valid token; `undefined` as for {@link verifyToken}. */
export function readToken(
  token: unknown,
  secret: string,
  now = Date.now(),
): { user: string; expiresAt: number } | undefined {
  if (typeof token !== "string" || token.length > 1000) return undefined;
  const [payload, signature, extra] = token.split(".");
  if (payload === undefined || signature === undefined || extra !== undefined) return undefined;
  const expected = createHmac("sha256", secret).update(payload).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as {
      sub?: unknown;
      exp?: unknown;
    };
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number" || claims.exp < now)
      return undefined;
    return { user: claims.sub, expiresAt: claims.exp };
  } catch {
    return undefined;
  }
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer (\S+)$/.exec(header ?? "");
  return match?.[1];
}
