// `npm start`: builds the web app and the server when they are missing or older than their
// sources, then runs the server in this process (it handles SIGTERM/SIGINT itself).
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputs = [join(root, "apps/server/dist/main.js"), join(root, "apps/web/dist/index.html")];
const sources = [
  "apps/server/src",
  "packages/domain/src",
  "apps/web/src",
  "apps/web/index.html",
  "apps/web/public",
].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
const changed = Math.max(...sources.map(newest));
if (built === 0 || changed > built) {
  console.log(
    built === 0 ? "First start: building Tradewind..." : "Sources changed: rebuilding Tradewind...",
  );
  execSync("npm run build", { cwd: root, stdio: "inherit" });
}
await import(join(root, "apps/server/dist/main.js"));
