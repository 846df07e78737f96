import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // maplibre-gl 6 ships its worker as a separate module; pre-bundling breaks its URL (see brief).
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
});
