// Sums the Vitest JSON reports of every workspace package into one closing line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folders = ["packages", "apps", "tooling"].filter(existsSync);
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

for (const folder of folders) {
  for (const name of readdirSync(folder)) {
    const report = join(folder, name, "test-results", "vitest.json");
    if (!existsSync(report)) continue;
    const result = JSON.parse(readFileSync(report, "utf8"));
    const skippedHere = result.numPendingTests + result.numTodoTests;
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += skippedHere;
    rows.push(
      `  ${join(folder, name)}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`,
    );
  }
}

console.log(`\nTest summary (${rows.length} packages):`);
for (const row of rows) console.log(row);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (rows.length === 0) {
  console.error("No test report found: did any test run?");
  process.exitCode = 1;
}
