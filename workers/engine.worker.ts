import { expose } from 'comlink';
import { createEngine } from './engine.ts';

// The worker owns the engine; the app reaches it through comlink (src/app/engineClient.ts).
expose(createEngine());
