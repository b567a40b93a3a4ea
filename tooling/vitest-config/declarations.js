// @ts-check
import { dirname, resolve } from "node:path";
import ts from "typescript";

/**
 * Emits the declarations of a package's public entry in memory, as its published `.d.ts`
 * files would read, so tests can check the public types (e.g. that no `any` leaks out).
 *
 * @param {string} entry absolute path of the package's `src/index.ts`
 * @returns {Map<string, string>} declaration file name -> text, for the package's own files
 */
export function emitDeclarations(entry) {
  const packageDir = resolve(dirname(entry), "..");
  const configPath = ts.findConfigFile(packageDir, ts.sys.fileExists, "tsconfig.json");
  if (configPath === undefined) throw new Error(`No tsconfig.json above ${entry}`);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (parsed === undefined) throw new Error(`Cannot read ${configPath}`);
  const program = ts.createProgram([entry], {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    rootDir: dirname(entry),
    outDir: resolve(packageDir, ".declarations"),
  });
  /** @type {Map<string, string>} */
  const files = new Map();
  const result = program.emit(undefined, (fileName, text) => files.set(fileName, text));
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (errors.length > 0) {
    throw new Error(
      ts.formatDiagnostics(errors, {
        ...ts.sys,
        getCanonicalFileName: (f) => f,
        getNewLine: () => "\n",
      }),
    );
  }
  return files;
}

/**
 * The places where `any` appears in declaration text, comments left out.
 *
 * @param {string} text
 * @returns {string[]} the offending lines
 */
export function findAny(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  return code.split("\n").filter((line) => /\bany\b/.test(line));
}

/**
 * Every line of a package's public declarations that mentions `any`, by declaration file: the
 * empty object when there is none. Throws when the entry emits no declarations at all.
 *
 * @param {URL} entry the package's `src/index.ts`, as a file URL
 * @returns {Record<string, string[]>}
 */
export function anyInPublicDeclarations(entry) {
  const files = emitDeclarations(entry.pathname);
  if (files.size === 0) throw new Error(`${entry.pathname} emits no declarations.`);
  /** @type {Record<string, string[]>} */
  const offenders = {};
  for (const [file, text] of files) {
    const lines = findAny(text);
    if (lines.length > 0) offenders[file] = lines;
  }
  return offenders;
}
