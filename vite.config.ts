import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // Relative asset paths: the built site works from any folder of an intranet web server
  // (http://host/guatu/ as well as http://host/), with no rebuild.
  base: './',
  // maplibre-gl 6 ships its worker as a separate module; pre-bundling breaks its URL (see brief).
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
});
