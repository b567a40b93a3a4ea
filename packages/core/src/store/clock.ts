let now = 0;

/**
 * A logical clock shared by every store in the page: each call returns a larger number.
 * Server data is stamped with it so older data never undoes newer data (DESIGN rule 5).
 */
export function tick(): number {
  return ++now;
}
