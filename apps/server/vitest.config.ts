import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: process.env.TEST_DATABASE_URL ? "server (postgres)" : "server (sqlite)",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
