// A worker thread runs plain Node: this registers tsx's loader, then loads the TypeScript module it was started for.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
