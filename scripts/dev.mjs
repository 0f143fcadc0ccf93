// `npm run dev`: the server with reload (tsx watch) on :3000 and Vite's dev server on :5173,
// which proxies /api to the server. Ctrl-C stops both.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const children = [
  spawn("npx", ["tsx", "watch", "apps/server/src/main.ts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "info" },
  }),
  spawn("npx", ["vite"], { cwd: `${root}/apps/web`, stdio: "inherit" }),
];
console.log("Tradewind dev: open http://localhost:5173 (API on http://localhost:3000)");
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children)
  child.on("exit", (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
