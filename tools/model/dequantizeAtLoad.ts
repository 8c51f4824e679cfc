import type { DequantizeRecipe } from '../../src/embedding/dequantize.ts';
import { bytesField, concat, readFields, readString, readVarintField, readVarints, stringField, varintField, type Field } from './protobufWire.ts';

// Field numbers of onnx.proto (ModelProto.graph, GraphProto, NodeProto, TensorProto, StringStringEntryProto).
const MODEL_GRAPH = 7;
const GRAPH = { node: 1, initializer: 5 } as const;
const NODE = { input: 1, output: 2, opType: 4 } as const;
const TENSOR = { dims: 1, dataType: 2, name: 8, externalData: 13, dataLocation: 14 } as const;
const FLOAT = 1;
const INT8 = 3;
const EXTERNAL = 1;

interface Initializer {
  field: Field;
  name: string;
  dims: number[];
  dataType: number;
  /** Where its bytes are in the weights file, when they are there. */
  external?: { location: string; offset: number; length: number };
}

function readInitializer(field: Field): Initializer {
  const fields = readFields(field.value);
  const one = (num: number) => fields.find((f) => f.num === num);
  const entries = new Map(
    fields
      .filter((f) => f.num === TENSOR.externalData)
      .map((f) => {
        const kv = readFields(f.value);
        return [readString(kv.find((x) => x.num === 1)!), readString(kv.find((x) => x.num === 2)!)] as const;
      }),
  );
  const location = entries.get('location');
  return {
    field,
    name: readString(one(TENSOR.name)!),
    dims: readVarints(fields, TENSOR.dims),
    dataType: one(TENSOR.dataType) ? readVarintField(one(TENSOR.dataType)!) : 0,
    external: location === undefined ? undefined : { location, offset: Number(entries.get('offset') ?? 0), length: Number(entries.get('length')) },
  };
}

function externalFloatTensor(name: string, dims: number[], location: string, offset: number, length: number): Uint8Array {
  const entry = (key: string, value: string) => bytesField(TENSOR.externalData, concat([stringField(1, key), stringField(2, value)]));
  return bytesField(
    GRAPH.initializer,
    concat([...dims.map((d) => varintField(TENSOR.dims, d)), varintField(TENSOR.dataType, FLOAT), stringField(TENSOR.name, name), entry('location', location), entry('offset', String(offset)), entry('length', String(length)), varintField(TENSOR.dataLocation, EXTERNAL)]),
  );
}

/**
 * Takes the dequantization of the weight matrices out of the graph. The pinned model
 * computes each float32 matrix as `Mul(Cast(q), scale)` from an int8 matrix and a scale
 * per column; onnxruntime folds these at every session start, which in the browser is the
 * slowest part of loading the model. Here each such pair of nodes becomes a float32
 * initializer in the file `files.float32`, which the loader computes from the weights
 * file with the recipe (src/embedding/dequantize.ts): the same products, so the same
 * outputs. The graph must have its weights in external data (externalizeWeights) in
 * `files.weights`; that file is unchanged, and the int8 matrices the graph no longer reads
 * stay in it for the recipe.
 */
export function dequantizeAtLoad(model: Uint8Array, files: { weights: string; float32: string }): { model: Uint8Array; recipe: DequantizeRecipe } {
  const top = readFields(model);
  const graphField = top.find((f) => f.num === MODEL_GRAPH);
  if (!graphField) throw new Error('not an ONNX model: it has no graph');
  const graph = readFields(graphField.value);
  const nodes = graph
    .filter((f) => f.num === GRAPH.node)
    .map((field) => {
      const fields = readFields(field.value);
      const strings = (num: number) => fields.filter((f) => f.num === num).map(readString);
      return { field, inputs: strings(NODE.input), outputs: strings(NODE.output), opType: strings(NODE.opType)[0] ?? '' };
    });
  const initializers = new Map(
    graph
      .filter((f) => f.num === GRAPH.initializer)
      .map(readInitializer)
      .map((t) => [t.name, t] as const),
  );
  const producer = new Map(nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const readers = new Map<string, number>();
  for (const n of nodes) for (const i of n.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);

  const recipe: DequantizeRecipe = { bytes: 0, tensors: [] };
  const removed = new Set<Field>();
  const added: Uint8Array[] = [];
  for (const mul of nodes.filter((n) => n.opType === 'Mul' && n.inputs.length === 2)) {
    const castAt = mul.inputs.findIndex((i) => producer.get(i)?.opType === 'Cast');
    const cast = producer.get(mul.inputs[castAt] ?? '');
    const q = initializers.get(cast?.inputs[0] ?? '');
    const scale = initializers.get(mul.inputs[1 - castAt] ?? '');
    if (!cast || !q || !scale || readers.get(cast.outputs[0]!) !== 1 || readers.get(q.name) !== 1 || readers.get(scale.name) !== 1) continue;
    if (q.dataType !== INT8 || scale.dataType !== FLOAT || q.dims.length !== 2 || !q.external || !scale.external) continue;
    const [rows, cols] = q.dims as [number, number];
    const perColumn = scale.dims.reduce((a, b) => a * b, 1) === cols && scale.dims.at(-1) === cols;
    if (!perColumn || q.external.location !== files.weights || scale.external.location !== files.weights) continue;

    const length = 4 * rows * cols;
    recipe.tensors.push({ offset: recipe.bytes, rows, cols, quantized: q.external.offset, scales: scale.external.offset });
    added.push(externalFloatTensor(mul.outputs[0]!, [rows, cols], files.float32, recipe.bytes, length));
    recipe.bytes += length;
    removed.add(mul.field).add(cast.field).add(q.field).add(scale.field);
  }
  if (recipe.tensors.length === 0) return { model, recipe };
  const newGraph = concat([...graph.filter((f) => !removed.has(f)).map((f) => f.raw), ...added]);
  return { model: concat(top.map((f) => (f === graphField ? bytesField(MODEL_GRAPH, newGraph) : f.raw))), recipe };
}
