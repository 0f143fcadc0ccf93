/**
 * Configuration from the environment, validated once at start. A bad value stops start-up with
 * a message that names the variable and says what is expected.
 */
import { z } from "zod";

const bool = z
  .enum(["0", "1", "true", "false", "yes", "no"], { message: "use 1 or 0" })
  .transform((v) => v === "1" || v === "true" || v === "yes");

const databaseUrl = z
  .string()
  .refine((v) => /^(postgres|postgresql):\/\//.test(v) || /^(sqlite|file):/.test(v), {
    message: "use postgres://user@host:5432/db, or sqlite:<path> (default: a file under DATA_DIR)",
  });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: databaseUrl.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_SECRET: z.string().min(32, "use at least 32 characters").optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRADEWIND_DEMO: bool.default(true),
  TRUST_PROXY: bool.default(false),
  JOBS: bool.default(true),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  IMPORT_MAX_FILE_MB: z.coerce.number().min(1).max(500).default(20),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(100).max(2_000_000).default(200_000),
  COMPANY_TIME_ZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "use an IANA time zone such as Asia/Shanghai"),
});

export type Config = z.infer<typeof schema> & { databaseKind: "sqlite" | "postgres"; sqlitePath: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "?");
      return `  ${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  const url = config.DATABASE_URL;
  const databaseKind = url && /^postgres/.test(url) ? "postgres" : "sqlite";
  const sqlitePath =
    url && databaseKind === "sqlite"
      ? url.replace(/^(sqlite|file):(\/\/)?/, "")
      : `${config.DATA_DIR}/tradewind.sqlite`;
  return { ...config, databaseKind, sqlitePath };
}
