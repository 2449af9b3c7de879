// A copy of the built app on its own static server, for specs that stop the server (offline) or change the served app
// mid-test (a new deploy). Files are read on each request; the big ones are linked, not copied.
import { createServer } from 'node:http';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../../dist', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
};

export interface Deployment {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The deployment's folder: files named in `editable` are real copies a spec may rewrite. */
  root: string;
  /** Stops serving (open connections too): from now on only the service worker can answer. */
  stop(): Promise<void>;
  /** Stops serving and deletes the folder. */
  remove(): Promise<void>;
}

/** Serves a copy of `dist/` cross-origin isolated, as the app's host must, at http://127.0.0.1:<port>/. */
export async function deployBuild(port: number, editable: readonly string[] = []): Promise<Deployment> {
  const root = await mkdtemp(join(tmpdir(), 'lustre-deploy-'));
  for (const entry of await readdir(dist)) {
    if (editable.includes(entry)) await cp(join(dist, entry), join(root, entry));
    else await symlink(join(dist, entry), join(root, entry));
  }
  const server = createServer((request, response) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname));
    } catch {
      response.writeHead(400).end();
      return;
    }
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
          'Cross-Origin-Resource-Policy': 'same-origin',
          'Cache-Control': 'no-cache',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let isStopped = false;
  const stop = async () => {
    if (isStopped) return;
    isStopped = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    root,
    stop,
    async remove() {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
