import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type FieldIssue, type MutationKind, ValidationError } from "../errors";

/**
 * Runs a mutation's Standard Schema on its input: the schema's output, or a thrown
 * `ValidationError` with the issues by field path. Synchronous schemas answer synchronously,
 * so the optimistic change can still happen before the action returns.
 */
export function validateInput(
  kind: MutationKind,
  schema: StandardSchemaV1 | undefined,
  input: unknown,
): unknown {
  if (schema === undefined) return input;
  const result = schema["~standard"].validate(input);
  return result instanceof Promise
    ? result.then((settled) => unwrap(kind, settled))
    : unwrap(kind, result);
}

function unwrap(kind: MutationKind, result: StandardSchemaV1.Result<unknown>): unknown {
  if (result.issues === undefined) return result.value;
  throw new ValidationError(kind, result.issues.map(toFieldIssue));
}

function toFieldIssue(issue: StandardSchemaV1.Issue): FieldIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === "object" ? segment.key : segment;
    return typeof key === "number" ? key : String(key);
  });
  return { path, message: issue.message };
}
