/**
 * The real process: start-up on an empty DATA_DIR creates the demo company and keeps a
 * generated session secret; a bad variable stops start-up naming it; SIGTERM lets requests in
 * flight finish, then closes the database and exits 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { engine } from "./test/harness.ts";

const mainFile = fileURLToPath(new URL("./main.ts", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "tradewind-main-"));

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", mainFile], {
    env: { ...process.env, LOG_LEVEL: "warn", JOBS: "0", TRADEWIND_DEMO: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (chunk) => (text += String(chunk)));
  child.stderr!.on("data", (chunk) => (text += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(condition: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(engine !== "sqlite")("the server process (sqlite)", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("refuses to start on a bad variable, naming it", async () => {
    const server = start({ DATA_DIR: dataDir, PORT: "not-a-port" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT="not-a-port"');
  });

  it("starts with the demo company, prints the logins, and shuts down gracefully on SIGTERM", async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    // Request logs on, to see when the server has the requests that SIGTERM must let finish.
    const server = start({ DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1", LOG_LEVEL: "info" });
    await waitFor(() => server.output().includes("Tradewind is running"));
    expect(server.output()).toContain("admin@demo.test");
    expect(server.output()).toContain("tradewind-demo");
    const secret = join(dataDir, "session-secret");
    expect(existsSync(secret)).toBe(true);
    expect(statSync(secret).mode & 0o077).toBe(0);
    expect(readFileSync(secret, "utf8").trim().length).toBeGreaterThanOrEqual(32);

    // Logins take tens of milliseconds (argon2id): several are in flight when SIGTERM arrives.
    const inFlight = Array.from({ length: 6 }, () =>
      fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "sales1@demo.test", password: "tradewind-demo" }),
      }).then((r) => r.status),
    );
    // SIGTERM once the server has received all six (a request still on its way may rightly be refused).
    const received = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.includes("incoming request") && line.includes("/api/auth/login")).length;
    await waitFor(() => received() >= 6);
    server.child.kill("SIGTERM");
    expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await server.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    // The database was closed cleanly: SQLite folds the write-ahead log back in on the last close.
    expect(existsSync(join(dataDir, "tradewind.sqlite-wal"))).toBe(false);

    const firstSecret = readFileSync(secret, "utf8");
    const again = start({ DATA_DIR: dataDir, PORT: port, HOST: "127.0.0.1" });
    await waitFor(() => again.output().includes("Tradewind is running"));
    expect(readFileSync(secret, "utf8")).toBe(firstSecret);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  }, 180_000);
});
