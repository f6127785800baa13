import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB files and child processes: keep test files from fighting over two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
