import { describe, expect, it } from 'vitest';
import { parseArgs, parseIntFlag, UsageError } from './args.ts';

const SPEC = { out: { type: 'string', description: '' }, json: { type: 'boolean', description: '' } } as const;

describe('parseArgs', () => {
  it('reads flags with separate or inline values, booleans and positionals', () => {
    expect(parseArgs(['a', '--out', 'dir', '--json', 'b'], SPEC)).toEqual({ flags: { out: 'dir', json: true }, positionals: ['a', 'b'] });
    expect(parseArgs(['--out=x'], SPEC).flags.out).toBe('x');
  });

  it('takes a value that starts with a single dash, and everything after -- as positionals', () => {
    expect(parseArgs(['--out', '-1980'], SPEC).flags.out).toBe('-1980');
    expect(parseArgs(['--out=--json'], SPEC).flags.out).toBe('--json');
    expect(parseArgs(['-', '--', '--json', '-x'], SPEC)).toEqual({ flags: {}, positionals: ['-', '--json', '-x'] });
  });

  it('names an unknown flag and lists the known ones', () => {
    expect(() => parseArgs(['--outt', 'x'], SPEC)).toThrow(/unknown flag --outt \(known flags: --out, --json\)/);
    expect(() => parseArgs(['--outt=x'], SPEC)).toThrow(/unknown flag --outt \(/);
    // Names an object's prototype already has are not flags either.
    expect(() => parseArgs(['--constructor', 'x'], SPEC)).toThrow(/unknown flag --constructor/);
    // No one-letter forms: `-o` is named as typed, not read as --out.
    expect(() => parseArgs(['-o', 'x'], SPEC)).toThrow(/unknown flag -o \(known flags/);
    expect(() => parseArgs(['-oj'], SPEC)).toThrow(/unknown flag -oj \(known flags/);
  });

  it('refuses a string flag without its value, and a boolean flag with one', () => {
    expect(() => parseArgs(['--out'], SPEC)).toThrow(UsageError);
    expect(() => parseArgs(['--out'], SPEC)).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--out', '--json'], SPEC)).toThrow(/--out needs a value/);
    expect(() => parseArgs(['--json=yes'], SPEC)).toThrow(/--json takes no value/);
  });

  it('refuses a flag given twice instead of keeping the last value', () => {
    expect(() => parseArgs(['--out', 'a', '--out=b'], SPEC)).toThrow(/--out is given twice: give it once \(a list is comma-separated: a,b\)/);
    expect(() => parseArgs(['--json', '--json'], SPEC)).toThrow(/--json is given twice/);
  });

  it('checks integer flags and names them', () => {
    expect(parseIntFlag('k', '20', 1)).toBe(20);
    expect(parseIntFlag('k', undefined, 1)).toBeUndefined();
    expect(() => parseIntFlag('k', '0', 1)).toThrow(/--k must be an integer from 1/);
    expect(() => parseIntFlag('k', 'ten', 1)).toThrow(/--k/);
  });
});
