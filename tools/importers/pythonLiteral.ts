/**
 * Parses the Python literals (`repr` of lists and dicts) that the TMDB export stores in its
 * CSV cells: `[{'id': 28, 'name': 'Action'}]`, with either quote style and backslash escapes.
 * Not `eval`: only strings, numbers, None/True/False, lists, tuples and dicts.
 */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export function parsePythonLiteral(src: string): PyValue {
  let i = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError(`${msg} at offset ${i} of ${JSON.stringify(src.length > 80 ? `${src.slice(0, 80)}...` : src)}`);
  };
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };

  const value = (): PyValue => {
    skipSpace();
    const c = src[i];
    if (c === '[' || c === '(') return sequence(c === '[' ? ']' : ')');
    if (c === '{') return dict();
    if (c === "'" || c === '"') return string();
    if (c !== undefined && /[-+\d.]/.test(c)) return number();
    for (const [word, v] of [['None', null], ['True', true], ['False', false]] as const) {
      if (src.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(c === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
  };

  const sequence = (close: string): PyValue[] => {
    i++;
    const items: PyValue[] = [];
    for (;;) {
      skipSpace();
      if (src[i] === close) return i++, items;
      items.push(value());
      skipSpace();
      if (src[i] === ',') i++;
      else if (src[i] !== close) fail(`expected , or ${close}`);
    }
  };

  const dict = (): { [key: string]: PyValue } => {
    i++;
    const out: { [key: string]: PyValue } = {};
    for (;;) {
      skipSpace();
      if (src[i] === '}') return i++, out;
      const key = value();
      skipSpace();
      if (src[i++] !== ':') fail('expected :');
      out[String(key)] = value();
      skipSpace();
      if (src[i] === ',') i++;
      else if (src[i] !== '}') fail('expected , or }');
    }
  };

  const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  const string = (): string => {
    const quote = src[i++];
    let out = '';
    while (i < src.length && src[i] !== quote) {
      if (src[i] === '\\') {
        const e = src[i + 1]!;
        if (e === 'x' || e === 'u') {
          const len = e === 'x' ? 2 : 4;
          out += String.fromCharCode(parseInt(src.slice(i + 2, i + 2 + len), 16));
          i += 2 + len;
        } else {
          out += ESCAPES[e] ?? `\\${e}`;
          i += 2;
        }
      } else out += src[i++];
    }
    if (src[i] !== quote) fail('unterminated string');
    i++;
    return out;
  };

  const number = (): number => {
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
    if (!m) return fail('bad number');
    i += m[0].length;
    return Number(m[0]);
  };

  const result = value();
  skipSpace();
  if (i !== src.length) fail('trailing characters');
  return result;
}
