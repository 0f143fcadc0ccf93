/**
 * Starts one of the server's worker threads. From source (tests, `npm run dev`) the worker is
 * TypeScript run through tsx; in the built server it is the bundled `<name>.js` beside main.js.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startWorker(
  /** The worker's source file, as `new URL("./x.worker.ts", import.meta.url)` of its caller. */
  sourceUrl: URL,
  options: Pick<WorkerOptions, "workerData" | "resourceLimits">,
): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  if (!fromSource) {
    const name = sourceUrl.pathname.split("/").pop()!.replace(/\.ts$/, ".js");
    return new Worker(new URL(`./${name}`, import.meta.url), options);
  }
  // Node 20 does not apply --import hooks to a worker's entry module: register tsx first.
  return new Worker(
    `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(sourceUrl.href)}); });`,
    { ...options, eval: true },
  );
}
