import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../src/embedding/model.ts';
import { APP_MODEL_ROOT, MODEL_ROOT, WHEEL_DIR } from '../paths.ts';
import { readPins } from './pins.ts';
import { pypiSource } from './sources/pypi.ts';
import { dequantizeWeights } from '../../src/embedding/dequantize.ts';
import { dequantizeAtLoad } from './dequantizeAtLoad.ts';
import { externalizeWeights } from './externalizeWeights.ts';
import { gatherBeforeDequantize } from './gatherBeforeDequantize.ts';
import { bytesField, concat, readFields, readString, stringField, varintField } from './protobufWire.ts';

// onnx.proto, as much as a small model needs.
const FLOAT = 1;
const INT8 = 3;
const INT64 = 7;
const tensor = (name: string, dims: number[], type: number, raw: Uint8Array) =>
  concat([...dims.map((d) => varintField(1, d)), varintField(2, type), stringField(8, name), bytesField(9, raw)]);
const node = (op: string, inputs: string[], outputs: string[], attributes: Uint8Array[] = []) =>
  concat([...inputs.map((i) => stringField(1, i)), ...outputs.map((o) => stringField(2, o)), stringField(3, `${op}_${outputs[0]}`), stringField(4, op), ...attributes]);
const castToFloat = bytesField(5, concat([stringField(1, 'to'), varintField(3, FLOAT), varintField(20, 2)]));
const valueInfo = (name: string, type: number, dims: (number | string)[]) =>
  concat([stringField(1, name), bytesField(2, bytesField(1, concat([varintField(1, type), bytesField(2, concat(dims.map((d) => bytesField(1, typeof d === 'number' ? varintField(1, d) : stringField(2, d)))))])))]);

/** `out = Gather(Mul(Cast(q), scale), ids)`: a lookup table dequantized in the graph, as the pinned model's embeddings are (a second reader of the table, optionally). */
function tableModel(scaleDims: number[], extraReader = false): Uint8Array {
  const rows = 5;
  const cols = 3;
  const q = Int8Array.from({ length: rows * cols }, (_, i) => ((i * 37) % 255) - 127);
  const scale = Float32Array.from({ length: scaleDims.reduce((a, b) => a * b, 1) }, (_, i) => 0.01 + i * 0.003);
  const nodes = [
    node('Cast', ['table_q'], ['table_f'], [castToFloat]),
    node('Mul', ['table_f', 'table_scale'], ['table']),
    node('Gather', ['table', 'ids'], ['out']),
    ...(extraReader ? [node('ReduceSum', ['table'], ['sum'])] : []),
  ];
  const graph = concat([
    ...nodes.map((n) => bytesField(1, n)),
    stringField(2, 'lookup'),
    bytesField(5, tensor('table_q', [rows, cols], INT8, new Uint8Array(q.buffer))),
    bytesField(5, tensor('table_scale', scaleDims, FLOAT, new Uint8Array(scale.buffer))),
    bytesField(11, valueInfo('ids', INT64, ['batch', 'seq'])),
    bytesField(12, valueInfo('out', FLOAT, ['batch', 'seq', cols])),
    ...(extraReader ? [bytesField(12, valueInfo('sum', FLOAT, [1, 1]))] : []),
  ]);
  return concat([varintField(1, 8), bytesField(7, graph), bytesField(8, concat([stringField(1, ''), varintField(2, 13)]))]);
}

/** `out = MatMul(x, Mul(Cast(q), scale))`: a weight matrix dequantized in the graph, as the pinned model's layers are. */
function matMulModel(rows: number, cols: number, scaleDims: number[]): Uint8Array {
  const q = Int8Array.from({ length: rows * cols }, (_, i) => ((i * 53) % 255) - 127);
  const scale = Float32Array.from({ length: scaleDims.reduce((a, b) => a * b, 1) }, (_, i) => 0.0123 + i * 0.0071);
  const graph = concat([
    bytesField(1, node('Cast', ['w_q'], ['w_f'], [castToFloat])),
    bytesField(1, node('Mul', ['w_f', 'w_scale'], ['w'])),
    bytesField(1, node('MatMul', ['x', 'w'], ['out'])),
    stringField(2, 'layer'),
    bytesField(5, tensor('w_q', [rows, cols], INT8, new Uint8Array(q.buffer))),
    bytesField(5, tensor('w_scale', scaleDims, FLOAT, new Uint8Array(scale.buffer))),
    bytesField(11, valueInfo('x', FLOAT, ['batch', rows])),
    bytesField(12, valueInfo('out', FLOAT, ['batch', cols])),
  ]);
  return concat([varintField(1, 8), bytesField(7, graph), bytesField(8, concat([stringField(1, ''), varintField(2, 13)]))]);
}

async function multiply(model: Uint8Array | string, x: Float32Array, rows: number): Promise<Float32Array> {
  const session = await InferenceSession.create(model as Uint8Array);
  const { out } = await session.run({ x: new Tensor('float32', x, [x.length / rows, rows]) });
  return out!.data as Float32Array;
}

async function lookUp(model: Uint8Array | string, ids: number[]): Promise<Float32Array> {
  const session = await InferenceSession.create(model as Uint8Array);
  const { out } = await session.run({ ids: new Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]) });
  return out!.data as Float32Array;
}

const opTypes = (model: Uint8Array) =>
  readFields(readFields(model).find((f) => f.num === 7)!.value)
    .filter((f) => f.num === 1)
    .map((f) => readString(readFields(f.value).find((x) => x.num === 4)!));

describe('the ONNX rewrites (the model file the app ships)', () => {
  it('looks up int8 rows and dequantizes only them, with the same numbers as the table dequantized whole', async () => {
    for (const scaleDims of [[5, 1], [1, 3], [3]]) {
      const model = tableModel(scaleDims);
      const { model: rewritten, rewritten: tables } = gatherBeforeDequantize(model);
      expect(tables).toEqual(['table']);
      expect(opTypes(rewritten)).toEqual(scaleDims[0] === 5 ? ['Gather', 'Gather', 'Cast', 'Mul'] : ['Gather', 'Cast', 'Mul']);
      const ids = [4, 0, 2, 2];
      expect(await lookUp(rewritten, ids)).toEqual(await lookUp(model, ids));
    }
  });

  it('moves the weights to a data file that onnxruntime reads back to the same answers', async () => {
    const model = tableModel([5, 1]);
    const { graph, data } = externalizeWeights(model, 'lookup.onnx_data', 8);
    expect(data.length).toBe(5 * 3 + 5 * 4);
    expect(graph.length).toBeLessThan(model.length - data.length + 200);
    const dir = mkdtempSync(path.join(tmpdir(), 'external-'));
    writeFileSync(path.join(dir, 'lookup.onnx'), graph);
    writeFileSync(path.join(dir, 'lookup.onnx_data'), data);
    expect(await lookUp(path.join(dir, 'lookup.onnx'), [3, 1])).toEqual(await lookUp(model, [3, 1]));
  });

  it('dequantizes weight matrices in the loader, to the outputs the graph computed itself', async () => {
    const [rows, cols] = [6, 4];
    const x = Float32Array.from({ length: 2 * rows }, (_, i) => Math.sin(i + 1) * 3);
    for (const scaleDims of [[1, cols], [cols]]) {
      const model = matMulModel(rows, cols, scaleDims);
      const { graph, data } = externalizeWeights(model, 'layer.onnx_data', 8);
      const { model: rewritten, recipe } = dequantizeAtLoad(graph, { weights: 'layer.onnx_data', float32: 'layer.f32' });
      expect(opTypes(rewritten)).toEqual(['MatMul']);
      expect(recipe.tensors).toEqual([{ offset: 0, rows, cols, quantized: 0, scales: rows * cols }]);
      const dir = mkdtempSync(path.join(tmpdir(), 'dequantized-'));
      writeFileSync(path.join(dir, 'layer.onnx'), rewritten);
      writeFileSync(path.join(dir, 'layer.onnx_data'), data);
      writeFileSync(path.join(dir, 'layer.f32'), dequantizeWeights(recipe, data));
      expect(await multiply(path.join(dir, 'layer.onnx'), x, rows)).toEqual(await multiply(model, x, rows));
    }
  });

  it('keeps the dequantization in the graph where the scale is not one per column', () => {
    const { graph } = externalizeWeights(matMulModel(6, 4, [6, 1]), 'layer.onnx_data', 8);
    expect(dequantizeAtLoad(graph, { weights: 'layer.onnx_data', float32: 'layer.f32' }).recipe.tensors).toEqual([]);
  });

  it('refuses a recipe that reads past its weights file', () => {
    const recipe = { bytes: 96, tensors: [{ offset: 0, rows: 6, cols: 4, quantized: 0, scales: 24 }] };
    expect(() => dequantizeWeights(recipe, new Uint8Array(30))).toThrow(/6x4 matrix .* lies outside its file \(weights file 30 bytes\)/);
  });

  it('leaves a table alone when something else reads it too', () => {
    const model = tableModel([5, 1], true);
    expect(gatherBeforeDequantize(model)).toEqual({ model, rewritten: [] });
  });

  it('says so when the bytes are not a model', () => {
    expect(() => gatherBeforeDequantize(new TextEncoder().encode('<!doctype html>'))).toThrow(/protobuf|not an ONNX model/);
  });

  it.runIf(existsSync(path.join(MODEL_ROOT, MODEL.id, 'onnx/model_quantized.onnx')))('gives the installed model, with the matrices the app computes, the outputs of the wheel\'s file, bit for bit', async () => {
    // The build's directory holds the published matrices; the app's (tools/model/appModel.ts) the dequantized ones.
    const installed = path.join(APP_MODEL_ROOT, MODEL.id, 'onnx/model_quantized.onnx');
    expect(gatherBeforeDequantize(new Uint8Array(readFileSync(installed))).rewritten).toEqual([]);
    const pins = await readPins();
    const source = (await pypiSource(pins.wheels, WHEEL_DIR).fetch(['onnx/model_quantized.onnx'], { fresh: false })).get('onnx/model_quantized.onnx')!;
    const [before, after] = await Promise.all([InferenceSession.create(source), InferenceSession.create(installed)]);
    for (const n of [5, 256]) {
      // [CLS], word pieces from across the vocabulary, [SEP].
      const ids = BigInt64Array.from({ length: n }, (_, i) => BigInt(i === 0 ? 101 : i === n - 1 ? 102 : 1000 + ((i * 7919) % 29000)));
      const feeds = { input_ids: new Tensor('int64', ids, [1, n]), attention_mask: new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]), token_type_ids: new Tensor('int64', new BigInt64Array(n), [1, n]) };
      const [a, b] = await Promise.all([before.run(feeds), after.run(feeds)]);
      expect(b.last_hidden_state!.data).toEqual(a.last_hidden_state!.data);
    }
  });
});
