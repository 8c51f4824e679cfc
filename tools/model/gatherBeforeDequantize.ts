import { bytesField, concat, readFields, readString, readVarints, stringField, type Field } from './protobufWire.ts';

// Field numbers of onnx.proto (ModelProto.graph, GraphProto.node/initializer, NodeProto, TensorProto).
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const TENSOR = { dims: 1, name: 8 } as const;
const ATTRIBUTE_NAME = 1;

interface Node {
  field: Field;
  inputs: string[];
  outputs: string[];
  name: string;
  opType: string;
  /** Attribute fields as they were, to copy onto replacement nodes. */
  attributes: Field[];
}

function readNode(field: Field): Node {
  const fields = readFields(field.value);
  const strings = (num: number) => fields.filter((f) => f.num === num).map(readString);
  return {
    field,
    inputs: strings(NODE.input),
    outputs: strings(NODE.output),
    name: strings(NODE.name)[0] ?? '',
    opType: strings(NODE.opType)[0] ?? '',
    attributes: fields.filter((f) => f.num === NODE.attribute),
  };
}

function writeNode(opType: string, name: string, inputs: string[], outputs: string[], attributes: Field[] = []): Uint8Array {
  return bytesField(
    GRAPH_NODE,
    concat([...inputs.map((i) => stringField(NODE.input, i)), ...outputs.map((o) => stringField(NODE.output, o)), stringField(NODE.name, name), stringField(NODE.opType, opType), ...attributes.map((a) => a.raw)]),
  );
}

const attributeName = (a: Field) => readString(readFields(a.value).find((f) => f.num === ATTRIBUTE_NAME)!);

/**
 * Moves the dequantization of an int8 lookup table after its lookup. The pinned model keeps
 * weights as int8 and dequantizes them in the graph (`Mul(Cast(q), scale)`); onnxruntime
 * folds those constants at load, so the word embeddings (30,522 x 384) become a float32
 * table of 47 MB that the browser's WASM heap keeps, though a query reads a few rows of it.
 * `Gather(Mul(Cast(q), s), ids)` becomes `Mul(Cast(Gather(q, ids)), Gather(s, ids))`: the
 * same products of the same numbers, for the rows asked. Only a table the Gather alone
 * reads, with a per-row or a broadcast scale, is rewritten; anything else is left as it was.
 */
export function gatherBeforeDequantize(model: Uint8Array): { model: Uint8Array; rewritten: string[] } {
  const top = readFields(model);
  const graphField = top.find((f) => f.num === MODEL_GRAPH);
  if (!graphField) throw new Error('not an ONNX model: it has no graph');
  const graph = readFields(graphField.value);
  const nodes = graph.filter((f) => f.num === GRAPH_NODE).map(readNode);
  const dims = new Map(
    graph
      .filter((f) => f.num === GRAPH_INITIALIZER)
      .map((f) => {
        const tensor = readFields(f.value);
        return [readString(tensor.find((t) => t.num === TENSOR.name)!), readVarints(tensor, TENSOR.dims)] as const;
      }),
  );
  const producer = new Map(nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const readers = new Map<string, number>();
  for (const n of nodes) for (const i of n.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);

  const replaced = new Map<Field, Uint8Array[]>();
  const removed = new Set<Field>();
  const rewritten: string[] = [];
  for (const gather of nodes.filter((n) => n.opType === 'Gather')) {
    if (gather.attributes.some((a) => attributeName(a) === 'axis' && readVarints(readFields(a.value), 3)[0] !== 0)) continue;
    const [table, ids] = gather.inputs as [string, string];
    const mul = producer.get(table);
    if (mul?.opType !== 'Mul' || readers.get(table) !== 1) continue;
    const castAt = mul.inputs.findIndex((i) => producer.get(i)?.opType === 'Cast');
    const cast = producer.get(mul.inputs[castAt] ?? '');
    const scale = mul.inputs[1 - castAt];
    const quantized = cast?.inputs[0];
    if (!cast || !scale || !quantized || readers.get(cast.outputs[0]!) !== 1) continue;
    const tableDims = dims.get(quantized);
    const scaleDims = dims.get(scale);
    if (!tableDims || !scaleDims) continue;
    const perRow = scaleDims.length === tableDims.length && scaleDims[0] === tableDims[0] && scaleDims.slice(1).every((d) => d === 1);
    const broadcast = scaleDims.length < tableDims.length || scaleDims[0] === 1;
    if (!perRow && !broadcast) continue;

    const base = gather.name || gather.outputs[0]!;
    const rows = `${base}/quantized_rows`;
    const rowScales = perRow ? `${base}/row_scales` : scale;
    replaced.set(gather.field, [
      writeNode('Gather', `${base}/gather_quantized`, [quantized, ids], [rows], gather.attributes),
      ...(perRow ? [writeNode('Gather', `${base}/gather_scales`, [scale, ids], [rowScales], gather.attributes)] : []),
      writeNode('Cast', `${base}/cast`, [rows], [`${rows}/float`], cast.attributes),
      writeNode('Mul', `${base}/dequantize`, [`${rows}/float`, rowScales], gather.outputs),
    ]);
    removed.add(cast.field).add(mul.field);
    rewritten.push(table);
  }
  if (rewritten.length === 0) return { model, rewritten };

  // The replacements take the Gather's place, so the node list stays in topological order.
  const newGraph = concat(graph.flatMap((f) => (removed.has(f) ? [] : (replaced.get(f) ?? [f.raw]))));
  return { model: concat(top.map((f) => (f === graphField ? bytesField(MODEL_GRAPH, newGraph) : f.raw))), rewritten };
}
