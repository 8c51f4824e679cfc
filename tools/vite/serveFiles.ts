import { cpSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export interface Mount {
  /** URL prefix, e.g. `/models`. */
  url: string;
  dir: string;
  /** Only these files of `dir` (all of it when omitted). */
  files?: string[];
  /** What to run when `dir` is missing. */
  hint: string;
}

const TYPES: Record<string, string> = { '.wasm': 'application/wasm', '.mjs': 'text/javascript', '.json': 'application/json' };

/**
 * Serves files that live outside `public/` (the pinned model in the git-ignored cache, the
 * ONNX runtime from node_modules) in dev, and copies them into the built site: the app
 * never fetches them from a CDN, so it works offline.
 */
export function serveFiles(mounts: Mount[]): Plugin[] {
  return [serveMounts(mounts), copyMounts(mounts)];
}

function serveMounts(mounts: Mount[]): Plugin {
  return {
    name: 'marquee:serve-files',
    apply: 'serve',
    configureServer(server) {
      // This middleware answers before Vite's own, which is where server.headers are applied;
      // the ONNX runtime starts its threads from these files, and under COEP a worker script
      // without the isolation headers is blocked.
      const headers = server.config.server.headers ?? {};
      for (const m of mounts) {
        server.middlewares.use(m.url, (req, res, next) => {
          const name = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '');
          const file = path.join(m.dir, name);
          if (!file.startsWith(m.dir) || (m.files && !m.files.includes(name)) || !existsSync(file) || !statSync(file).isFile()) return next();
          for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
          res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      }
    },
  };
}

function copyMounts(mounts: Mount[]): Plugin {
  let outDir = 'dist';
  return {
    name: 'marquee:copy-files',
    // A dev server runs closeBundle too when it closes (vitest's own server among them, whose
    // outDir is a placeholder): only a real build may write the site.
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const m of mounts) {
        if (!existsSync(m.dir)) throw new Error(`${m.dir} is missing: ${m.hint}`);
        const target = path.join(outDir, m.url);
        if (!m.files) cpSync(m.dir, target, { recursive: true });
        else {
          mkdirSync(target, { recursive: true });
          for (const f of m.files) cpSync(path.join(m.dir, f), path.join(target, f));
        }
      }
    },
  };
}
