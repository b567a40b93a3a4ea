/**
 * Emits the declarations of a package's public entry in memory, as its published `.d.ts`
 * files would read.
 *
 * @example
 * const files = emitDeclarations(fileURLToPath(new URL("./index.ts", import.meta.url)));
 */
export declare function emitDeclarations(entry: string): Map<string, string>;

/**
 * The lines where `any` appears in declaration text, comments left out.
 *
 * @example
 * expect(findAny(text)).toEqual([]);
 */
export declare function findAny(text: string): string[];

/**
 * Every line of a package's public declarations that mentions `any`, by declaration file.
 *
 * @example
 * expect(anyInPublicDeclarations(new URL("./index.ts", import.meta.url))).toEqual({});
 */
export declare function anyInPublicDeclarations(entry: URL): Record<string, string[]>;
