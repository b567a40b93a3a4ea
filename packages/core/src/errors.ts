/** The three kinds of mutation an AOS store runs. */
export type MutationKind = "create" | "update" | "delete";

// Fields a constructor sets are `declare`d: emitted as class fields they would only repeat
// their names in every bundle.

/**
 * The root of every error AOS throws or rejects with. Messages start with `[aos]`; `code`
 * tells the kind of error without `instanceof`, which fails across two copies of a package.
 *
 * @example
 * try {
 *   await todos.actions.update({ id, data: { title } });
 * } catch (error) {
 *   if (isAosError(error)) toast(error.message);
 * }
 */
export class AosError extends Error {
  override name = "AosError";
  readonly code: string = "AOS_ERROR";

  constructor(message: string, options?: { cause?: unknown }) {
    super(`[aos] ${message}`, options);
  }
}

/**
 * Whether `value` is an error thrown by AOS (any copy of the package).
 *
 * @example
 * promise.catch((error: unknown) => {
 *   if (isAosError(error) && error.code === "VALIDATION") showIssues(error);
 * });
 */
export function isAosError(value: unknown): value is AosError {
  return (
    value instanceof Error &&
    typeof (value as Partial<AosError>).code === "string" &&
    value.message.startsWith("[aos] ")
  );
}

/**
 * One problem a schema found in a mutation's input.
 *
 * @example
 * const issue: FieldIssue = { path: ["title"], message: "Required" };
 */
export interface FieldIssue {
  /** Where the problem is, from the input's root: `["tags", 0]`. Empty for the whole input. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The input of a mutation failed its schema. Nothing changed: no optimistic row, no request.
 * `fields` maps each dotted field path (`"title"`, `"tags.0"`, `""` for the whole input) to
 * its messages, ready for a form. A mutation function may throw one for the server's refusal:
 * the action then rejects with a `MutationError` whose `cause` it is, and forms show its
 * fields all the same.
 *
 * @example
 * try {
 *   await todos.actions.create({ title: "" });
 * } catch (error) {
 *   if (error instanceof ValidationError) form.setErrors(error.fields);
 * }
 */
export class ValidationError extends AosError {
  override name = "ValidationError";
  override readonly code = "VALIDATION";
  declare readonly kind: MutationKind;
  declare readonly issues: readonly FieldIssue[];
  declare readonly fields: Readonly<Record<string, readonly string[]>>;

  constructor(kind: MutationKind, issues: readonly FieldIssue[]) {
    const first = issues[0];
    const where = first && first.path.length > 0 ? ` (${first.path.join(".")})` : "";
    super(
      `The ${kind} input is invalid: ${first?.message ?? "rejected by its schema"}${where}` +
        (issues.length > 1 ? `, and ${issues.length - 1} more issue(s).` : "."),
    );
    this.kind = kind;
    this.issues = issues;
    const fields: Record<string, string[]> = {};
    for (const issue of issues) {
      const key = issue.path.join(".");
      (fields[key] ??= []).push(issue.message);
    }
    this.fields = fields;
  }
}

/**
 * A mutation failed on the server (or on its way there). Only this mutation was rolled back;
 * every other pending change stays. `cause` holds what the mutation function threw.
 *
 * @example
 * todos.actions.remove(id).catch((error) => {
 *   if (error instanceof MutationError) log(error.kind, error.id, error.cause);
 * });
 */
export class MutationError extends AosError {
  override name = "MutationError";
  override readonly code: string = "MUTATION";
  declare readonly kind: MutationKind;
  declare readonly id: string;
  declare readonly mutationId: string;

  constructor(
    kind: MutationKind,
    id: string,
    mutationId: string,
    cause: unknown,
    message = `The ${kind} of ${JSON.stringify(id)} failed: ${describe(cause)}`,
  ) {
    super(message, { cause });
    this.kind = kind;
    this.id = id;
    this.mutationId = mutationId;
  }
}

/**
 * The server answered a mutation or a query with something that is not a row: not an
 * object, or without a string `id`. The mutation is rolled back as failed.
 *
 * @example
 * if (error instanceof InvalidServerResponseError) report(error.response);
 */
export class InvalidServerResponseError extends AosError {
  override name = "InvalidServerResponseError";
  override readonly code = "INVALID_RESPONSE";
  declare readonly response: unknown;

  constructor(what: string, response: unknown) {
    super(`${what} is not a row with a string id: ${describe(response)}`);
    this.response = response;
  }
}

/**
 * A mutation could not apply because somebody else changed the row first: it was deleted on
 * the server while this change was in flight. The row stays as the server has it.
 *
 * @example
 * todos.actions.update({ id, data }).catch((error) => {
 *   if (error instanceof ConflictError) toast("Someone deleted this todo.");
 * });
 */
export class ConflictError extends MutationError {
  override name = "ConflictError";
  override readonly code = "CONFLICT";
  declare readonly reason: "deleted";

  constructor(kind: MutationKind, id: string, mutationId: string, cause: unknown) {
    super(
      kind,
      id,
      mutationId,
      cause,
      `The ${kind} of ${JSON.stringify(id)} conflicts with a change from the server: the row was deleted.`,
    );
    this.reason = "deleted";
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  try {
    const json: unknown = JSON.stringify(value);
    const text = typeof json === "string" ? json : String(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}
