import { ALL_CONVERSIONS, type Conversion, formatDate, isDate, parseValue } from "./conversions";
import type { DataTransformer, OptimisticDefaults } from "./dataTransformer";
import { TransformError, type TransformErrorCode } from "./transformError";

/**
 * What the default transformer does with one field (matched by key name at any depth; an
 * object or array value passes its rule on to its contents): the conversions to apply, or
 * `false` to leave the field exactly as the API sent it.
 *
 * @example
 * const fields: Record<string, FieldRule> = { price: "number", flags: ["boolean"], sku: false };
 */
export type FieldRule = Conversion | Conversions | false;

/**
 * Options of {@link createDefaultTransformer}.
 *
 * @example
 * const options: DefaultTransformerOptions<Product> = {
 *   auto: ["date"],
 *   fields: { price: "number", inStock: "boolean", sku: false },
 * };
 */
export interface DefaultTransformerOptions<TUi, TInput = Partial<TUi>> {
  /**
   * Conversions tried on string fields that have no rule in `fields`: `true` (the default)
   * for all of them, `false` for none, or a list.
   */
  auto?: boolean | Conversions;
  /** Rules by field name, for fields the automatic detection should not decide. */
  fields?: Readonly<Record<string, FieldRule>>;
  /** Passed through to the transformer, for stores that create rows optimistically. */
  optimisticDefaults?: OptimisticDefaults<TUi, TInput>;
  /** Nesting depth past which a value is refused with a `TransformError`. Default 1000. */
  maxDepth?: number;
}

type Container = Record<string, unknown> | unknown[];
type Conversions = readonly Conversion[];

// UI object or array -> the API object or array it was made from. Lets toApi send back
// exactly what came, and tell a string the API sent from a value the UI added.
const containerSources = new WeakMap<object, Container>();

// Any realm's Object.prototype (an iframe's, a vm context's) is a prototype with none of its own.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return !proto || !Object.getPrototypeOf(proto);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Assigning "__proto__" would set the prototype instead of a property.
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

function formatPath(path: readonly (string | number)[]): string {
  let text = "$";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[a-z_$][\w$]*$/i.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * A transformer for the usual JSON API: ISO-8601 date-time strings become `Date`s,
 * `"true"`/`"false"` become booleans and numeric strings become numbers, in nested objects
 * and arrays, and back again. Per-field rules choose the conversions or turn them off.
 *
 * A string is converted only when it goes back unchanged: `"007"`, `"1e3"`,
 * `"12345678901234567890"`, `"2024-13-45T00:00:00Z"`, date-only and offset-less date-times
 * stay strings, and so does an `id` unless `fields` names it. The law `toApi(toUi(x))`
 * deep-equals `x` holds for every JSON object `x`.
 * Values the UI creates (new rows, copies, edits) go back by type: every `Date` becomes an
 * ISO string, and numbers and booleans become strings where a field rule says so.
 * Neither direction mutates its input; `__proto__`, `constructor` and `prototype` keys stay
 * plain data; a cyclic value throws a `TransformError`.
 *
 * @example
 * interface TodoApi { id: string; title: string; done: "true" | "false"; created_at: string }
 * interface Todo { id: string; title: string; done: boolean; created_at: Date }
 *
 * const transformer = createDefaultTransformer<TodoApi, Todo>({
 *   fields: { done: "boolean", title: false },
 * });
 * transformer.toUi({ id: "1", title: "2024", done: "true", created_at: "2024-05-01T12:00:00Z" });
 * // { id: "1", title: "2024", done: true, created_at: Date(2024-05-01T12:00:00.000Z) }
 */
export function createDefaultTransformer<
  TApi extends object,
  TUi extends object = TApi,
  TInput = Partial<TUi>,
>(options: DefaultTransformerOptions<TUi, TInput> = {}): DataTransformer<TApi, TUi, TInput> {
  const { auto = true, fields = {}, optimisticDefaults, maxDepth = 1000 } = options;
  // Field rules are always fresh lists, so a list that is not this one came from `fields`,
  // and applies even to values the transformer has not seen from the API.
  const autoConversions: Conversions =
    auto === true ? ALL_CONVERSIONS : auto === false ? [] : [...auto];
  // An id stays as sent: stores key rows by string id, and "1" must not become 1.
  const rules = new Map<string, Conversions>([["id", []]]);
  for (const [field, rule] of Object.entries(fields)) {
    rules.set(field, rule === false ? [] : typeof rule === "string" ? [rule] : [...rule]);
  }

  /**
   * Copies plain objects and arrays, refusing cycles and runaway depth, and maps every other
   * value. Going to the UI it remembers each copy's source; going back it hands values theirs:
   * what the API sent in their place, or `null` where it sent nothing (a null names no type).
   */
  const transform = (root: unknown, toUi: boolean): unknown => {
    const path: (string | number)[] = [];
    const ancestors = new Set<object>();
    const fail = (code: TransformErrorCode, describe: (at: string) => string): never => {
      const at = formatPath(path);
      throw new TransformError(code, describe(at), at);
    };

    const toApiValue = (value: unknown, conversions: Conversions, source: unknown): unknown => {
      const explicit = conversions !== autoConversions;
      const type = typeof value;
      if (type === "boolean" || type === "number") {
        if (!conversions.includes(type)) return value;
        // Where the API sent this field, keep its type, unless it sent a string we converted.
        // Where it did not, or sent a null (which names no type), follow the field's rule.
        return (source === null ? explicit : typeof source === "string") ? String(value) : value;
      }
      // Automatic detection sends every Date back (JSON has none); field rules say exactly.
      if (!isDate(value) || (explicit && !conversions.includes("date"))) return value;
      return (
        formatDate(value) ?? fail("INVALID_DATE", (at) => `Cannot send an invalid Date at ${at}.`)
      );
    };

    const visit = (value: unknown, conversions: Conversions, source: unknown): unknown => {
      const isArray = Array.isArray(value);
      if (!isArray && !isPlainObject(value)) {
        return toUi ? parseValue(value, conversions) : toApiValue(value, conversions, source);
      }
      if (ancestors.has(value)) {
        fail(
          "CYCLIC_VALUE",
          (at) =>
            `Cannot transform a cyclic value: ${at} refers back to an object that contains it.`,
        );
      }
      if (path.length >= maxDepth) {
        fail(
          "TOO_DEEP",
          (at) => `Cannot transform a value nested deeper than ${maxDepth} levels (at ${at}).`,
        );
      }
      ancestors.add(value);
      // Only UI containers have one; going to the UI, values ignore their source.
      const known = containerSources.get(value);
      const copy = isArray
        ? copyArray(value, conversions, known as unknown[] | undefined)
        : copyObject(value, conversions, known as Record<string, unknown> | undefined);
      ancestors.delete(value);
      // A UI row read again keeps the API row it was made from.
      if (toUi) containerSources.set(copy, known ?? value);
      return copy;
    };

    const copyArray = (
      array: unknown[],
      conversions: Conversions,
      known: unknown[] | undefined,
    ) => {
      const copy = new Array<unknown>(array.length);
      for (let index = 0; index < array.length; index++) {
        path.push(index);
        // Every index under the API array's length was sent, holes included.
        const source = known !== undefined && index < known.length ? known[index] : null;
        copy[index] = visit(array[index], conversions, source);
        path.pop();
      }
      return copy;
    };

    const copyObject = (
      object: Record<string, unknown>,
      conversions: Conversions,
      known: Record<string, unknown> | undefined,
    ) => {
      const copy = Object.create(Object.getPrototypeOf(object) as object | null) as Record<
        string,
        unknown
      >;
      for (const key of Object.keys(object)) {
        path.push(key);
        const source = known !== undefined && Object.hasOwn(known, key) ? known[key] : null;
        setOwn(copy, key, visit(object[key], rules.get(key) ?? conversions, source));
        path.pop();
      }
      return copy;
    };

    return visit(root, autoConversions, null);
  };

  const toUi = (api: TApi) => transform(api, true) as TUi;
  const toApi = (ui: TUi) => transform(ui, false) as TApi;
  return Object.freeze(
    optimisticDefaults === undefined ? { toUi, toApi } : { toUi, toApi, optimisticDefaults },
  );
}
