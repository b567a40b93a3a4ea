import { type FieldIssue, type MutationKind, ValidationError } from "@aos/core";

// #region refusal
/**
 * What to throw for a failed response. A 422 with the fields it refused (the reference
 * server's `{ error: { fields } }`) becomes a ValidationError: forms show it by field.
 */
export async function refusal(kind: MutationKind, response: Response): Promise<Error> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: { fields?: Record<string, string[]> };
  };
  const fields = body.error?.fields;
  if (response.status !== 422 || fields === undefined) {
    return new Error(`The server answered ${response.status}.`);
  }
  const issues: FieldIssue[] = Object.entries(fields).flatMap(([path, messages]) =>
    messages.map((message) => ({ path: path === "" ? [] : path.split("."), message })),
  );
  return new ValidationError(kind, issues);
}

// In a mutation function:
// if (!response.ok) throw await refusal("create", response);
// #endregion refusal
