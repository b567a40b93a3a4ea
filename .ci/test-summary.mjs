// Sums the Vitest JSON reports of every workspace package into one closing line.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

for (const folder of ["packages", "apps", "tooling"].filter((path) => existsSync(path))) {
  for (const name of readdirSync(folder)) {
    const results = join(folder, name, "test-results");
    if (!existsSync(results)) continue;
    for (const file of readdirSync(results).filter((entry) => entry.endsWith(".json"))) {
      const report = join(results, file);
      const result = JSON.parse(readFileSync(report, "utf8"));
      // Vitest's JSON report, or Playwright's (stats.expected / unexpected / skipped).
      const counts = result.stats
        ? {
            passed: result.stats.expected + result.stats.flaky,
            failed: result.stats.unexpected,
            skipped: result.stats.skipped,
          }
        : {
            passed: result.numPassedTests,
            failed: result.numFailedTests,
            skipped: result.numPendingTests + result.numTodoTests,
          };
      passed += counts.passed;
      failed += counts.failed;
      skipped += counts.skipped;
      rows.push(`  ${report}: ${counts.passed} passed, ${counts.failed} failed`);
    }
  }
}

console.log(`\nTest summary (${rows.length} reports):`);
for (const row of rows) console.log(row);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (rows.length === 0) {
  console.error("No test report found: did any test run?");
  process.exitCode = 1;
}
