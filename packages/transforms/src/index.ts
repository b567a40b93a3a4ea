/**
 * Typed mapping between the API's shape and the UI's: ISO dates, boolean and numeric strings,
 * per field, round-trip safe.
 *
 * @module @aos/transforms
 */
export type { Conversion } from "./conversions";
export { createTransformer } from "./dataTransformer";
export type { DataTransformer, OptimisticDefaults } from "./dataTransformer";
export { createDefaultTransformer } from "./defaultTransformer";
export type { DefaultTransformerOptions, FieldRule } from "./defaultTransformer";
export { TransformError } from "./transformError";
export type { TransformErrorCode } from "./transformError";
