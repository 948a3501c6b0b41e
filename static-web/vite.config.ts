import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `npm run dev` next to `infra/dev up`: the API stays on the function host.
    proxy: { '/api': 'http://127.0.0.1:7071' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
