import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dequantizeWeights, type DequantizeRecipe } from '../../src/embedding/dequantize.ts';
import { MODEL, WEIGHTS } from '../../src/embedding/model.ts';

/**
 * Writes the model as the app runs it under `appRoot`: the files the site serves, with the
 * int8 matrices dequantized as the browser computes them (src/embedding/embedder.ts), where
 * the build's root holds the published float32 ones. Free-text queries in Node (the query
 * CLI, the API, the eval) load this one, so they embed exactly as the app does; only catalog
 * vectors come from the published weights. Files already there and equal are left alone.
 */
export async function writeAppModel(modelRoot: string, appRoot: string): Promise<void> {
  const [from, to] = [path.join(modelRoot, MODEL.id), path.join(appRoot, MODEL.id)];
  await mkdir(path.join(to, 'onnx'), { recursive: true });
  for (const file of MODEL.files) {
    const target = path.join(to, file);
    if (!existsSync(target) || !(await readFile(target)).equals(await readFile(path.join(from, file)))) await copyFile(path.join(from, file), target);
  }
  const recipe = JSON.parse(await readFile(path.join(from, WEIGHTS.recipe), 'utf8')) as DequantizeRecipe;
  const float32 = dequantizeWeights(recipe, new Uint8Array(await readFile(path.join(from, WEIGHTS.quantized))));
  const target = path.join(to, WEIGHTS.float32);
  if (existsSync(target) && (await readFile(target)).equals(float32)) return;
  await writeFile(`${target}.partial`, float32);
  await rename(`${target}.partial`, target);
}
