import hnswlibNode from 'hnswlib-node';
import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import type { RelatednessWeights } from '../../src/ranking/relatedness.ts';
import { listSignals, listsOf, type ListsPart } from './neighbourLists.ts';

/** One builder of neighbour lists (neighbourListsInWorkers.ts): it reads the graph, then builds the ranges of titles it is sent. */
export interface ListsWorkerInit {
  /** The HNSW graph, written to a file by the parent. */
  graphFile: string;
  efSearch: number;
  /** The float32 vectors, row by row, shared with the parent. */
  vectors: SharedArrayBuffer;
  dims: number;
  entries: CatalogEntry[];
  weights: RelatednessWeights;
  perTitle: number;
}
export type ListsRequest = { from: number; to: number };
export type ListsReply = { ready: true } | { part: ListsPart } | { error: string };

const port = parentPort!;
const init = workerData as ListsWorkerInit;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

try {
  const data = new Float32Array(init.vectors);
  const matrix = { data, dims: init.dims, count: data.length / init.dims };
  const index = new hnswlibNode.HierarchicalNSW('cosine', init.dims);
  index.readIndexSync(init.graphFile);
  index.setEf(init.efSearch);
  const signals = listSignals(init.entries);
  // This thread's copy of every entry, texts included: only the signals made from it are needed now.
  init.entries = [];
  port.on('message', ({ from, to }: ListsRequest) => {
    try {
      const part = listsOf({ index, matrix, weights: init.weights }, signals, init.perTitle, from, to);
      port.postMessage({ part } satisfies ListsReply, [part.ids.buffer, part.scores.buffer, part.series.buffer] as ArrayBuffer[]);
    } catch (err) {
      port.postMessage({ error: message(err) } satisfies ListsReply);
    }
  });
  port.postMessage({ ready: true } satisfies ListsReply);
} catch (err) {
  port.postMessage({ error: message(err) } satisfies ListsReply);
}
