// One multi-page build: dist/{dashboard,patient,hospital}/index.html plus shared, content-hashed dist/assets/.
// The gateway serves them at /dashboard, /patient, /hospital and /assets (src/roles/gateway/static_files.cpp).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const gateway = process.env.AURIXA_GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        dashboard: resolve(__dirname, 'dashboard/index.html'),
        patient: resolve(__dirname, 'patient/index.html'),
        hospital: resolve(__dirname, 'hospital/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': gateway,
      '/health': gateway,
      '/ws': { target: gateway.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
