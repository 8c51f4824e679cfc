// A worker thread runs plain Node: tsx's loader is registered here before the TypeScript worker loads.
import { register } from 'tsx/esm/api';

register();
await import('./embedWorker.ts');
