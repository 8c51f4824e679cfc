import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, freemem, tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { encodeNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { progressBar } from '../cli/progress.ts';
import { startTsWorker } from '../runtime/tsWorker.ts';
import { buildNeighbourLists, candidatesOf, type ListsPart, type NeighbourInputs } from './neighbourLists.ts';
import type { ListsReply, ListsRequest, ListsWorkerInit } from './neighbourListsWorker.ts';

export interface ListWorkers {
  /** Default: one per core, as many as half the free memory holds (`BYTES_PER_TITLE`). */
  workers?: number;
  /** Below this many titles one thread is quicker than starting workers (each reads the graph and makes its own word index). */
  minTitles?: number;
  /** Titles a worker is sent at a time: few enough that the workers finish together, enough that messages cost nothing. */
  chunk?: number;
}

/**
 * What one worker holds, a title: its own graph (1.8 KB), word index and series groups. Two
 * workers at 334k titles took the build to 7.5 GB resident, with a copy of the entries each
 * (since dropped once read).
 */
const BYTES_PER_TITLE = 8 * 1024;

/**
 * `buildNeighbourLists` over every core: each title's list depends on nothing but the
 * graph, the vectors and the entries, so worker threads build ranges of titles each and
 * the bytes are those of one thread. Each worker reads the graph from a file and shares the
 * vectors; it makes its own word index and series groups (about 3 s at 60k titles).
 */
export async function buildNeighbourListsInWorkers(inputs: NeighbourInputs, perTitle: number, efSearch: number, opts: ListWorkers = {}): Promise<Uint8Array> {
  const { count, dims } = inputs.matrix;
  const { workers = Math.min(availableParallelism(), Math.floor(freemem() / 2 / (count * BYTES_PER_TITLE))), minTitles = 20_000, chunk = 1000 } = opts;
  if (workers < 2 || count < minTitles) return buildNeighbourLists(inputs, perTitle, efSearch);

  const dir = await mkdtemp(path.join(tmpdir(), 'marquee-lists-'));
  const threads: Worker[] = [];
  try {
    const graphFile = path.join(dir, 'graph.bin');
    inputs.index.writeIndexSync(graphFile);
    const vectors = new SharedArrayBuffer(inputs.matrix.data.byteLength);
    new Float32Array(vectors).set(inputs.matrix.data);
    const init: ListsWorkerInit = { graphFile, efSearch: Math.max(efSearch, candidatesOf(count)), vectors, dims, entries: inputs.entries, weights: inputs.weights, perTitle };
    for (let i = 0; i < workers; i++) threads.push(startTsWorker(new URL('./neighbourListsWorker.ts', import.meta.url), init));

    const ids = new Uint32Array(count * perTitle);
    const scores = new Float32Array(count * perTitle);
    const series = new Uint8Array(count * perTitle);
    const place = (part: ListsPart) => {
      ids.set(part.ids, part.from * perTitle);
      scores.set(part.scores, part.from * perTitle);
      series.set(part.series, part.from * perTitle);
    };
    const bar = progressBar('neighbours', count);
    let next = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => reject(new Error(`a neighbour-list worker failed: ${err.message}`));
      const send = (worker: Worker) => {
        if (next >= count) return;
        const request: ListsRequest = { from: next, to: Math.min(count, next + chunk) };
        next = request.to;
        worker.postMessage(request);
      };
      for (const worker of threads) {
        worker.on('error', fail);
        worker.on('exit', (code) => code !== 0 && done < count && fail(new Error(`it exited with code ${code}`)));
        worker.on('message', (reply: ListsReply) => {
          if ('error' in reply) return fail(new Error(reply.error));
          try {
            if ('part' in reply) {
              place(reply.part);
              done += reply.part.ids.length / perTitle;
              bar.update(done);
              if (done === count) return resolve();
            }
            send(worker);
          } catch (err) {
            fail(err as Error);
          }
        });
      }
    });
    bar.done(count);
    return encodeNeighbourLists(ids, scores, series);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
    await rm(dir, { recursive: true, force: true });
  }
}
