// Bundles the server (and the domain package it imports as TypeScript) into dist/main.js.
// Third-party packages stay external and load from node_modules as usual.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@tradewind/"));

await build({
  entryPoints: {
    main: "src/main.ts",
    "reader.worker": "src/modules/imports/reader.worker.ts",
    "mapper.worker": "src/modules/imports/mapper.worker.ts",
    "workbook.worker": "src/modules/exports/workbook.worker.ts",
  },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: [...external, "zod"],
  logLevel: "warning",
});
console.log("server built: apps/server/dist/main.js");
