import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The API server behind `npm run dev -w client`. Start it with ALLOWED_ORIGINS=http://localhost:5173 so its
 * Origin check accepts the dev server's pages.
 */
const API = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // `source` makes `@staffroom/shared/*` resolve to its TypeScript, so the client needs no shared build.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    // The polyfill is an inline script, which the server's CSP (`script-src 'self'`) refuses.
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // zod and its CSP-safe setting in one chunk, the setting run right after zod itself: the shared schemas
        // (another chunk, possibly loaded before the router's import of the setting) are built after it.
        manualChunks: (id) =>
          /[\\/]node_modules[\\/]zod[\\/]|[\\/]lib[\\/]zod-jitless\.ts$/.test(id) ? 'zod' : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': API,
      '/socket.io': { target: API, ws: true },
    },
  },
});
