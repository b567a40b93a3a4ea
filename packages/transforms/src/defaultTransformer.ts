import {
  ALL_CONVERSIONS,
  type Conversion,
  conversionOf,
  formatValue,
  parseString,
} from "./conversions";
import type { DataTransformer, OptimisticDefaults } from "./dataTransformer";
import { TransformError } from "./transformError";

/**
 * What the default transformer does with one field (matched by key name at any depth; an
 * object or array value passes its rule on to its contents): the conversions to apply, or
 * `false` to leave the field exactly as the API sent it.
 *
 * @example
 * const fields: Record<string, FieldRule> = { price: "number", flags: ["boolean"], sku: false };
 */
export type FieldRule = Conversion | readonly Conversion[] | false;

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
  auto?: boolean | readonly Conversion[];
  /** Rules by field name, for fields the automatic detection should not decide. */
  fields?: Readonly<Record<string, FieldRule>>;
  /** Passed through to the transformer, for stores that create rows optimistically. */
  optimisticDefaults?: OptimisticDefaults<TUi, TInput>;
  /** Nesting depth past which a value is refused with a `TransformError`. Default 1000. */
  maxDepth?: number;
}

interface Rule {
  readonly conversions: readonly Conversion[];
  /** A rule from `fields`: applies even to values the transformer has not seen from the API. */
  readonly explicit: boolean;
}

type Container = Record<string, unknown> | unknown[];

// UI object or array -> the API object or array it was made from. Lets toApi send back
// exactly what came, and tell a string the API sent from a value the UI added.
const containerSources = new WeakMap<object, Container>();
const NO_SOURCE = Symbol("no source");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

type Leaf = (value: unknown, rule: Rule, source: unknown, path: () => string) => unknown;

/**
 * Copies plain objects and arrays, refusing cycles and runaway depth, and maps every leaf.
 * Going to the UI it remembers each copy's source; going back it hands leaves their source.
 */
function createCopier(
  direction: "toUi" | "toApi",
  rules: ReadonlyMap<string, Rule>,
  maxDepth: number,
  mapLeaf: Leaf,
) {
  return function copy(root: unknown, rootRule: Rule): unknown {
    const path: (string | number)[] = [];
    const ancestors = new Set<object>();
    const pathText = () => formatPath(path);

    const visit = (value: unknown, rule: Rule, source: unknown): unknown => {
      const isArray = Array.isArray(value);
      if (!isArray && !isPlainObject(value)) return mapLeaf(value, rule, source, pathText);
      if (ancestors.has(value)) {
        const at = pathText();
        throw new TransformError(
          "CYCLIC_VALUE",
          `Cannot transform a cyclic value: ${at} refers back to an object that contains it.`,
          at,
        );
      }
      if (path.length >= maxDepth) {
        const at = pathText();
        throw new TransformError(
          "TOO_DEEP",
          `Cannot transform a value nested deeper than ${maxDepth} levels (at ${at}).`,
          at,
        );
      }
      ancestors.add(value);
      const known = direction === "toUi" ? undefined : containerSources.get(value);
      const result = isArray
        ? visitArray(value as unknown[], rule, known as unknown[] | undefined)
        : visitObject(value, rule, known as Record<string, unknown> | undefined);
      ancestors.delete(value);
      if (direction === "toUi") containerSources.set(result, value as Container);
      return result;
    };

    const visitArray = (array: unknown[], rule: Rule, known: unknown[] | undefined) => {
      const copy = new Array<unknown>(array.length);
      for (let index = 0; index < array.length; index++) {
        path.push(index);
        const source = known !== undefined && index < known.length ? known[index] : NO_SOURCE;
        copy[index] = visit(array[index], rule, source);
        path.pop();
      }
      return copy;
    };

    const visitObject = (
      object: Record<string, unknown>,
      rule: Rule,
      known: Record<string, unknown> | undefined,
    ) => {
      const copy = Object.create(Object.getPrototypeOf(object) as object | null) as Record<
        string,
        unknown
      >;
      for (const key of Object.keys(object)) {
        path.push(key);
        const source = known !== undefined && Object.hasOwn(known, key) ? known[key] : NO_SOURCE;
        setOwn(copy, key, visit(object[key], rules.get(key) ?? rule, source));
        path.pop();
      }
      return copy;
    };

    return visit(root, rootRule, NO_SOURCE);
  };
}

/**
 * A transformer for the usual JSON API: ISO-8601 date-time strings become `Date`s,
 * `"true"`/`"false"` become booleans and numeric strings become numbers, in nested objects
 * and arrays, and back again. Per-field rules choose the conversions or turn them off.
 *
 * A string is converted only when it goes back unchanged: `"007"`, `"1e3"`,
 * `"12345678901234567890"`, `"2024-13-45T00:00:00Z"`, date-only and offset-less date-times
 * stay strings. The law `toApi(toUi(x))` deep-equals `x` holds for every JSON object `x`.
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
  const autoRule: Rule = {
    conversions: auto === true ? ALL_CONVERSIONS : auto === false ? [] : [...auto],
    explicit: false,
  };
  const rules = new Map<string, Rule>();
  for (const [field, rule] of Object.entries(fields)) {
    rules.set(field, {
      conversions: rule === false ? [] : typeof rule === "string" ? [rule] : [...rule],
      explicit: true,
    });
  }

  const copyToUi = createCopier("toUi", rules, maxDepth, (value, rule) =>
    typeof value === "string" ? (parseString(value, rule.conversions) ?? value) : value,
  );

  const copyToApi = createCopier("toApi", rules, maxDepth, (value, rule, source, path) => {
    const conversion = conversionOf(value);
    if (conversion === undefined) return value;
    // Automatic detection sends every Date back (JSON has none); field rules say exactly.
    const applies =
      rule.conversions.includes(conversion) || (conversion === "date" && !rule.explicit);
    if (!applies) return value;
    // Where the API sent this field, keep its type, unless it sent a string we converted. A
    // null names no type, so a value filled in there goes back like a new one.
    const sent = source !== NO_SOURCE && source !== null;
    const format = conversion === "date" || (sent ? typeof source === "string" : rule.explicit);
    return format ? formatValue(value, conversion, path) : value;
  });

  const transformer: DataTransformer<TApi, TUi, TInput> = {
    toUi: (api) => copyToUi(api, autoRule) as TUi,
    toApi: (ui) => copyToApi(ui, autoRule) as TApi,
  };
  return Object.freeze(
    optimisticDefaults === undefined ? transformer : { ...transformer, optimisticDefaults },
  );
}
