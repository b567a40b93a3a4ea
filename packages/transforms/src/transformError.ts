/**
 * What went wrong in a transform; `TransformError.code` holds one of these.
 *
 * @example
 * const retryable = (code: TransformErrorCode) => code !== "INVALID_TRANSFORMER";
 */
export type TransformErrorCode =
  "CYCLIC_VALUE" | "TOO_DEEP" | "INVALID_DATE" | "INVALID_TRANSFORMER";

/**
 * The one error `@aos/transforms` throws. `code` says what went wrong and `path` where,
 * as a JSON path from the value's root (`$.items[2].createdAt`).
 *
 * @example
 * try {
 *   transformer.toUi(row);
 * } catch (error) {
 *   if (error instanceof TransformError && error.code === "CYCLIC_VALUE") report(error.path);
 * }
 */
export class TransformError extends Error {
  override readonly name = "TransformError";
  // Set by the constructor; `declare`d so the bundle does not repeat their names as fields.
  declare readonly code: TransformErrorCode;
  declare readonly path: string;

  constructor(code: TransformErrorCode, message: string, path = "$") {
    super(`[aos] ${message}`);
    this.code = code;
    this.path = path;
  }
}
