import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Static build served by Tauri from ui/dist; no dev server is needed for tests.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // Keep CSS in a file (strict CSP: no inline styles).
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { strictPort: true, port: 5173 },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
