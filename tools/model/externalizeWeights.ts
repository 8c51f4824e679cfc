import { bytesField, concat, readFields, stringField, varintField } from './protobufWire.ts';

// Field numbers of onnx.proto: ModelProto.graph, GraphProto.initializer, TensorProto's data fields.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const EXTERNAL = 1;

/**
 * Moves every initializer of at least `minBytes` out of the model into one data file named
 * `location` (ONNX external data, which transformers.js loads as `<model>.onnx_data`). The
 * graph file then holds no weights: onnxruntime parses it without copying 23 MB of them
 * first, which keeps its WASM heap 15 MB smaller after loading.
 */
export function externalizeWeights(model: Uint8Array, location: string, minBytes = 1024): { graph: Uint8Array; data: Uint8Array } {
  const top = readFields(model);
  const graphField = top.find((f) => f.num === MODEL_GRAPH);
  if (!graphField) throw new Error('not an ONNX model: it has no graph');
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const entry = (key: string, value: string) => bytesField(TENSOR_EXTERNAL_DATA, concat([stringField(1, key), stringField(2, value)]));
  const graph = readFields(graphField.value).map((f) => {
    if (f.num !== GRAPH_INITIALIZER) return f.raw;
    const tensor = readFields(f.value);
    const raw = tensor.find((t) => t.num === TENSOR_RAW_DATA);
    if (!raw || raw.value.length < minBytes) return f.raw;
    chunks.push(raw.value);
    const fields = [...tensor.filter((t) => t !== raw).map((t) => t.raw), entry('location', location), entry('offset', String(offset)), entry('length', String(raw.value.length)), varintField(TENSOR_DATA_LOCATION, EXTERNAL)];
    offset += raw.value.length;
    return bytesField(GRAPH_INITIALIZER, concat(fields));
  });
  return { graph: concat(top.map((f) => (f === graphField ? bytesField(MODEL_GRAPH, concat(graph)) : f.raw))), data: concat(chunks) };
}
