/**
 * `npm run bench -- <scenario> [options]`: benchmarks that print figures (never timed tests).
 * Scenarios: customers (list, paging, search, detail at a million customers); import (100,000-row
 * workbook in, list latency meanwhile, export back out).
 */
import { runCustomers } from "./customers/run.ts";
import { runImport } from "./imports/run.ts";

const [scenario = "customers", ...rest] = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = rest.indexOf(`--${name}`);
  return index >= 0 ? Number(rest[index + 1]) : fallback;
};

const scenarios: Record<string, () => Promise<void>> = {
  import: () => runImport({ rows: option("rows", 100_000), runs: option("runs", 3) }),
  customers: () =>
    runCustomers({
      size: option("size", 1_000_000),
      durationSeconds: option("duration", 5),
      runs: option("runs", 3),
    }),
};

const run = scenarios[scenario];
if (!run) {
  console.error(`Unknown scenario "${scenario}". Choose one of: ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
await run();
process.exit(0);
