/** Child processes for the server under test and the bare baselines, each on its own port. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

let serverBuilt = false;

/**
 * Starts the server as `npm start` runs it: the esbuild bundle in apps/server/dist, built once
 * per benchmark run from the current source (running from source would measure tsx compiling
 * the import reader's worker on every file instead of the import).
 */
export async function startServer(env: Record<string, string>): Promise<Running> {
  if (!serverBuilt) {
    execFileSync(process.execPath, ["build.mjs"], {
      cwd: join(repoRoot, "apps", "server"),
      stdio: "inherit",
    });
    serverBuilt = true;
  }
  // BENCH_PROFILE_DIR=<dir> writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  return startNode("apps/server/dist/main.js", env, "/api/health", profile);
}

/** Starts `node --import tsx <script>` with env, and waits until GET <ready> answers 200. */
export async function startNode(
  script: string,
  env: Record<string, string>,
  readyPath: string,
  nodeOptions: string[] = ["--import", "tsx"],
): Promise<Running> {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [...nodeOptions, script], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += String(chunk)));
  child.stderr!.on("data", (chunk) => (output += String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${output}`);
    try {
      if ((await fetch(url + readyPath)).ok) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > until) throw new Error(`${script} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
