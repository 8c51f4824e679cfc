import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves the pinned model from the git-ignored cache at `/models/` in dev, and copies it
 * into the built site, so the app loads the same files the catalog was embedded with.
 */
export function serveModel(modelRoot: string): Plugin {
  let outDir = 'dist';
  return {
    name: 'marquee:serve-model',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const file = path.join(modelRoot, decodeURIComponent((req.url ?? '/').split('?')[0]!));
        if (!file.startsWith(modelRoot) || !existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      if (!existsSync(modelRoot)) throw new Error(`${modelRoot} is missing: run \`npm run model\` before building the site`);
      cpSync(modelRoot, path.join(outDir, 'models'), { recursive: true });
    },
  };
}
