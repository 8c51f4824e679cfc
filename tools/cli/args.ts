import { parseArgs as tokenize } from 'node:util';

/**
 * A strict flag parser: every flag must be declared, so a typo names itself instead of
 * being silently ignored.
 */
export interface FlagSpec {
  /** `string` takes a value, `boolean` does not. */
  type: 'string' | 'boolean';
  description: string;
}

export type ParsedArgs<S extends Record<string, FlagSpec>> = {
  flags: { [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
};

export class UsageError extends Error {}

export function parseArgs<S extends Record<string, FlagSpec>>(argv: string[], spec: S): ParsedArgs<S> {
  // Node's tokens, judged here: its strict mode words errors its own way, lists no known
  // flags, and refuses a value that starts with "-" (`--year -1980`).
  const options = Object.fromEntries(Object.entries(spec).map(([name, f]) => [name, { type: f.type }]));
  const { tokens } = tokenize({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    // Only `--name`: the flags have no one-letter forms, so `-m` is a typo, not `--m`.
    const long = token.rawName.startsWith('--');
    const flag = long && Object.hasOwn(spec, token.name) ? spec[token.name]! : undefined;
    if (!flag) {
      const known = Object.keys(spec).map((k) => `--${k}`).join(', ');
      throw new UsageError(`unknown flag ${long ? token.rawName : argv[token.index]} (known flags: ${known})`);
    }
    // The last of two values must not win silently: `--genre a --genre b` meant both.
    if (Object.hasOwn(flags, token.name)) throw new UsageError(`${token.rawName} is given twice: give it once${flag.type === 'string' ? ' (a list is comma-separated: a,b)' : ''}`);
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      flags[token.name] = true;
    } else {
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) throw new UsageError(`${token.rawName} needs a value`);
      flags[token.name] = token.value;
    }
  }
  return { flags: flags as ParsedArgs<S>['flags'], positionals };
}

export function parseIntFlag(name: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

export function usage(command: string, spec: Record<string, FlagSpec>): string {
  const lines = Object.entries(spec).map(([name, f]) => `  --${name}${f.type === 'string' ? ' VALUE' : ''}`.padEnd(28) + f.description);
  return `${command}\n${lines.join('\n')}`;
}

/** Runs a CLI entry point: usage errors print the message and exit 2, other errors exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
      process.exit(2);
    }
    console.error(err instanceof Error ? `error: ${err.message}` : err);
    if (process.env.DEBUG && err instanceof Error) console.error(err.stack);
    process.exit(1);
  });
}
