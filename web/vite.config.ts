import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built from the repository root (`vite build --config web/vite.config.ts`), so the root is pinned to this folder.
// A relative base keeps the asset URLs valid wherever `chiplaw serve` mounts index.html.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React and Observable Plot (with the d3 modules it uses) make one ~550 kB bundle; served from loopback or a
    // LAN, splitting it would add requests without making the first page faster.
    chunkSizeWarningLimit: 1024,
  },
  // `vite --config web/vite.config.ts` serves the UI with hot reload against a running `chiplaw serve`.
  server: { proxy: { '/v1': process.env.CHIPLAW_API ?? 'http://127.0.0.1:8080' } },
});
