import { action, observable } from "mobx";
import { isAosError, type ValidationError } from "../errors";
import type { ManagerActions } from "../manager/types";
import type { Entity } from "../store/types";
import { valuesEqual } from "../store/valuesEqual";
import { createObserver, sameFields, type SnapshotObserver } from "./createObserver";

/**
 * What a form shows: its values, the schema's issues by field path, whether it is being sent,
 * and the error of the last failed submit.
 *
 * @example
 * const { values, issues, submitting, error } = form.getSnapshot();
 * titleInput.value = values.title ?? "";
 * titleError.textContent = issues.title?.[0] ?? "";
 */
export interface FormSnapshot<TValues> {
  readonly values: Readonly<Partial<TValues>>;
  readonly issues: Readonly<Record<string, readonly string[]>>;
  readonly submitting: boolean;
  readonly error: Error | null;
}

/**
 * A form bound to one mutation of a manager: values in, `submit()` out. Input the mutation's
 * schema refuses never leaves the browser: its issues appear by field, nothing is sent.
 *
 * @example
 * const form = createFormObserver(todos, { kind: "create" });
 * form.setValue("title", "Buy milk");
 * await form.submit(); // the row is visible at once; the form clears once the server confirms
 */
export interface FormObserver<TValues, TUi> extends SnapshotObserver<FormSnapshot<TValues>> {
  readonly setValue: <K extends keyof TValues>(field: K, value: TValues[K]) => void;
  readonly setValues: (values: Partial<TValues>) => void;
  /**
   * Back to the initial values (or the given ones), without issues or error. An update form's
   * initial values become what it last saved, so reset() never brings back what was replaced.
   */
  readonly reset: (values?: Partial<TValues>) => void;
  /**
   * Runs the mutation with the current values; resolves with the server's row, or `undefined`
   * when it failed. A create form clears once the server confirms, unless its values were
   * edited while the request was in flight: then they stay. An update form sends only the
   * values that differ from its initial ones (or from what it last sent), so it never sends
   * back a field somebody else changed meanwhile; with no difference it sends nothing, clears
   * an earlier error or issues, and resolves `undefined`.
   */
  readonly submit: () => Promise<TUi | undefined>;
}

/**
 * Which mutation a form drives: the manager's create, or the update of one row. The initial
 * values are typed by that mutation's input and read once, when the form is created; `TKind`
 * picks one of the two.
 *
 * @example
 * const options: FormOptions<NewTodo, TodoChanges> = { kind: "update", id, initialValues: { title } };
 */
export type FormOptions<
  TCreateInput,
  TUpdateInput,
  TKind extends "create" | "update" = "create" | "update",
> = Extract<
  | { readonly kind: "create"; readonly initialValues?: Partial<TCreateInput> | undefined }
  | {
      readonly kind: "update";
      readonly id: string;
      readonly initialValues?: Partial<TUpdateInput> | undefined;
    },
  { readonly kind: TKind }
>;

/**
 * The values a form edits: the create input for a create form, the update input otherwise.
 *
 * @example
 * type Values = FormValues<{ kind: "create" }, NewTodo, TodoChanges>; // NewTodo
 */
export type FormValues<TOptions, TCreateInput, TUpdateInput> = TOptions extends {
  readonly kind: infer TKind;
}
  ? TKind extends "create"
    ? TCreateInput
    : TUpdateInput
  : never;

/**
 * What a form can do, without its observer plumbing: what adapters hand to components.
 *
 * @example
 * const { setValue, submit }: FormActions<NewTodo, Todo> = form;
 */
export type FormActions<TValues, TUi> = Omit<
  FormObserver<TValues, TUi>,
  "subscribe" | "getSnapshot" | "listenerCount"
>;

/**
 * What a form is bound to: a manager's actions.
 *
 * @example
 * const target: FormTarget<Todo, NewTodo, TodoChanges> = todos;
 */
export interface FormTarget<TUi extends Entity, TCreateInput, TUpdateInput> {
  readonly actions: ManagerActions<TUi, TCreateInput, TUpdateInput>;
}

function isValidationError(error: unknown): error is ValidationError {
  return isAosError(error) && error.code === "VALIDATION";
}

/**
 * Creates a form bound to a manager's create mutation, or to the update of one row. The
 * snapshot is immutable and changes with every edit; adapters only bridge it.
 *
 * @example
 * const edit = createFormObserver(todos, { kind: "update", id: todo.id, initialValues: { title: todo.title } });
 */
export function createFormObserver<
  TUi extends Entity,
  TCreateInput,
  TUpdateInput,
  TKind extends "create" | "update",
>(
  manager: FormTarget<TUi, TCreateInput, TUpdateInput>,
  // The kind alone is inferred, so a field the mutation's input lacks is an excess property.
  options: { readonly kind: TKind } & FormOptions<TCreateInput, TUpdateInput, TKind>,
): FormObserver<FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>, TUi> {
  type Values = Record<string, unknown>;
  let initialValues = { ...(options.initialValues ?? {}) } as Values;
  // What an update form's values are compared with: only the fields that differ are sent.
  let base = initialValues;
  const blank = (values: Values): FormSnapshot<Values> =>
    Object.freeze({
      values: Object.freeze({ ...values }),
      issues: {},
      submitting: false,
      error: null,
    });
  const state = observable.box(blank(initialValues), { deep: false });
  const set = action((patch: Partial<FormSnapshot<Values>>) => {
    state.set(Object.freeze({ ...state.get(), ...patch }));
  });

  const observer = createObserver(() => state.get());
  // The snapshot the running submit started from; a reset forgets it, and the submit's outcome.
  let inFlight: object | undefined;

  const withoutIssues = (fields: readonly string[]) =>
    Object.fromEntries(
      // An issue's key is a dotted path: editing "tags" also answers "tags.0".
      Object.entries(state.get().issues).filter(
        ([path]) => !fields.some((field) => `${path}.`.startsWith(`${field}.`)),
      ),
    );

  const setValues = (values: Partial<Values>) => {
    set({
      values: Object.freeze({ ...state.get().values, ...values }),
      issues: withoutIssues(Object.keys(values)),
    });
  };

  const form: FormObserver<Values, TUi> = {
    ...observer,
    setValue: (field, value) => {
      setValues({ [field]: value });
    },
    setValues,
    reset: (values) => {
      inFlight = undefined;
      set(blank(values ?? initialValues));
      // A copy: values handed in (a store's live row) may change after.
      base = state.get().values;
    },
    submit: async () => {
      const current = state.get();
      if (current.submitting) return undefined;
      const isCreate = options.kind === "create";
      // A create sends its values; an update only those that differ from where it started.
      const data = isCreate
        ? current.values
        : Object.fromEntries(
            Object.entries(current.values).filter(
              ([field, value]) => !valuesEqual(value, base[field]),
            ),
          );
      if (!isCreate && Object.keys(data).length === 0) {
        // Nothing to save: an earlier attempt's error or issues no longer apply.
        if (current.error || Object.keys(current.issues).length > 0) set(blank(current.values));
        return undefined;
      }
      set({ submitting: true, error: null, issues: {} });
      inFlight = current;
      try {
        const row = await (isCreate
          ? manager.actions.create(data as TCreateInput)
          : manager.actions.update({
              id: (options as { id: string }).id,
              data: data as TUpdateInput,
            }));
        if (inFlight === current) {
          // What an update saved is where the form now starts: reset() returns to it.
          if (!isCreate) initialValues = base = current.values;
          // A create clears, unless the user typed on meanwhile (the next row, say).
          if (isCreate && sameFields(state.get().values, current.values)) {
            set(blank(initialValues));
          } else set({ submitting: false });
        }
        return row;
      } catch (error) {
        if (inFlight === current) {
          // The schema's issues, or the server's: a mutation function may throw a
          // ValidationError, which reaches here as the cause of the MutationError. One with no
          // issue has no field to show under: it is the error.
          const invalid = [error, (error as Error | null)?.cause].find(isValidationError);
          if (invalid?.issues.length) set({ submitting: false, issues: invalid.fields });
          else
            set({
              submitting: false,
              error: error instanceof Error ? error : new Error(String(error)),
            });
        }
        return undefined;
      }
    },
  };
  return form as unknown as FormObserver<
    FormValues<{ readonly kind: TKind }, TCreateInput, TUpdateInput>,
    TUi
  >;
}
