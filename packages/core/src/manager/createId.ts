/**
 * A random UUID v4, for browser ids, mutation ids and client-side row ids. Falls back to
 * `getRandomValues` where `randomUUID` is missing (pages served over plain http).
 */
export function createId(): string {
  const crypto = globalThis.crypto as Crypto | undefined;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  // One random byte per hex digit of the template; only its low four bits are used.
  const bytes = new Uint8Array(31);
  if (typeof crypto?.getRandomValues === "function") crypto.getRandomValues(bytes);
  else for (let index = 0; index < 31; index++) bytes[index] = Math.floor(Math.random() * 256);
  let next = 0;
  // "4" is the version; "y" holds the variant, 10 in its two high bits (8, 9, a or b).
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (digit) => {
    const random = (bytes[next++] ?? 0) & 0x0f;
    return (digit === "x" ? random : (random & 0x03) | 0x08).toString(16);
  });
}
