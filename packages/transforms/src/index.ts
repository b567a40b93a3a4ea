export type { Conversion } from "./conversions";
export { createTransformer } from "./dataTransformer";
export type { DataTransformer, OptimisticDefaults } from "./dataTransformer";
export { createDefaultTransformer } from "./defaultTransformer";
export type { DefaultTransformerOptions, FieldRule } from "./defaultTransformer";
export { TransformError } from "./transformError";
export type { TransformErrorCode } from "./transformError";
