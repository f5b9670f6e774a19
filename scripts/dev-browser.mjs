// Browser-mode development: the headless server for the API, and Vite's dev server for the UI
// with hot reload, forwarding /api and /login to the server. The forwarded Origin is rewritten
// to the server's own, so its CSRF guard sees a same-origin request.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';
import { ROOT, forwardSignals, openBrowser, startServer } from './dev-tools.mjs';

function forwardTo(target) {
  return {
    target,
    configure: (proxy) => {
      proxy.on('proxyReq', (req) => {
        if (req.getHeader('origin')) req.setHeader('origin', target);
      });
    },
  };
}

/** Starts both and resolves when the server ends (Ctrl+C ends both). */
export async function startBrowserDev(serverArgs) {
  const server = await startServer(serverArgs);
  const vite = await createServer({
    configFile: false,
    root: path.join(ROOT, 'renderer'),
    plugins: [react()],
    server: { host: '127.0.0.1', proxy: { '/api': forwardTo(server.url), '/login': forwardTo(server.url) } },
  });
  await vite.listen();
  const viteUrl = vite.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? `http://127.0.0.1:${vite.config.server.port}`;
  const token = new URL(server.loginUrl).searchParams.get('token');
  const devLogin = `${viteUrl}/login?token=${token}`;
  console.log(`RunLens dev UI (hot reload): ${devLogin}`);
  if (openBrowser(devLogin)) console.log('RunLens: opening it in your browser.');
  forwardSignals([server.child]);
  return new Promise((resolve) => {
    server.child.on('exit', (code) => {
      void vite.close().finally(() => resolve(code ?? 0));
    });
  });
}
