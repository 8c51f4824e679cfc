import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/** Files a host sends as they are: already compressed, or too small to gain. */
const SKIP = new Set(['.png', '.br', '.gz', '.ico']);
const MIN_BYTES = 1024;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.sqlite': 'application/vnd.sqlite3',
};

/**
 * The built site as a static host serves it: every compressible file gets `.br` and `.gz`
 * copies at build time (the catalog build writes its own, at brotli's best quality), and
 * `vite preview` answers with them under `Content-Encoding`, as nginx's `brotli_static`,
 * Netlify or Cloudflare do. The browser decodes them before the app sees a byte, so hashes
 * and caches see the plain files. `ignore` names files (by path in the site) no one fetches.
 * README: Hosting.
 */
export function precompressed(opts: { ignore?: RegExp } = {}): Plugin {
  let outDir = 'dist';
  return {
    name: 'marquee:precompressed',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      // After the other plugins have copied the model and the ONNX runtime in.
      order: 'post',
      sequential: true,
      handler() {
        if (!existsSync(outDir)) return;
        for (const file of filesUnder(outDir)) {
          if (opts.ignore?.test(path.relative(outDir, file).split(path.sep).join('/'))) continue;
          if (SKIP.has(path.extname(file)) || existsSync(`${file}.br`) || statSync(file).size < MIN_BYTES) continue;
          const bytes = readFileSync(file);
          writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }));
          writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
        }
      },
    },
    configurePreviewServer(server) {
      // Answers before Vite's own middleware, where preview.headers are applied: set them here.
      const headers = server.config.preview.headers ?? {};
      const root = path.resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const name = decodeURIComponent((req.url ?? '/').split('?')[0]!);
        const file = path.join(root, name);
        if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        const accepted = String(req.headers['accept-encoding'] ?? '');
        // A copy older than its file is stale (the file was edited after the build): never serve it.
        const fresh = (copy: string) => existsSync(copy) && statSync(copy).mtimeMs >= statSync(file).mtimeMs;
        const encoding = /\bbr\b/.test(accepted) && fresh(`${file}.br`) ? 'br' : /\bgzip\b/.test(accepted) && fresh(`${file}.gz`) ? 'gzip' : undefined;
        if (!encoding) return next();
        const copy = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
        for (const [key, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(key, value);
        res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', statSync(copy).size);
        res.setHeader('Vary', 'Accept-Encoding');
        if (req.method === 'HEAD') return res.end();
        createReadStream(copy).pipe(res);
      });
    },
  };
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(p);
    else if (entry.isFile()) yield p;
  }
}
