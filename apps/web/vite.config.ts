/**
 * Build and dev-server settings for the web app. In development Vite serves the app on :5173 and
 * forwards /api to the Fastify server on :3000, so cookies and CSRF work exactly as in production,
 * where the server itself serves dist/.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Vendor code changes far less often than ours: separate chunks keep browsers' caches warm. */
const vendorGroups = [
  { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  {
    name: "vendor-antd",
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|dayjs|scroll-into-view-if-needed|compute-scroll-into-view|throttle-debounce|classnames|clsx)[\\/]/,
  },
  { name: "vendor-data", test: /node_modules[\\/](@tanstack|i18next|react-i18next|zod)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: { "/api": { target: "http://localhost:3000", changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Ant Design is one large, cache-friendly chunk by design; warn only well above it.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
