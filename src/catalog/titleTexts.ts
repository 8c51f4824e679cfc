import { foldText } from './foldText.ts';

/**
 * Every title's overview and tagline, kept apart from the catalog database and word-coded:
 * each word (with the space after it) or run of punctuation that occurs more than once in
 * the catalog is a number into one shared list of them, written in as few bytes as its
 * frequency allows. At 60k titles, 18.9 MB of text take 7.0 MB (deflate over the whole: 7.8),
 * and any one title reads back on its own in microseconds: results and their reasons need a
 * few scattered titles at a time, which a compressed block or stream would make slow.
 *
 * File layout (little-endian): the 4 bytes "MQtx", uint32 titles, uint32 byte length of the
 * token list, uint32 byte length of the codes; uint32 per title plus one, where its codes
 * start; the token list, UTF-8 joined by NUL; the codes. Per title come two fields, overview
 * then tagline, each a run of LEB128 numbers ended by 0: 1 is a literal (its UTF-8 byte
 * length, then the bytes), n >= 2 is token n - 2. An empty field is null (importers keep no
 * empty text).
 */
export interface TitleText {
  overview: string | null;
  tagline: string | null;
}

export interface TitleTexts {
  count: number;
  of(id: number): TitleText;
  /**
   * How common a word (folded, as `foldText` gives it) is in the catalog's texts: its place
   * among the words used more than once, most frequent first, as a share of them (0 to 1),
   * and Infinity for one used once or never. The token list is in order of frequency, so
   * this costs nothing to store.
   */
  wordRank(word: string): number;
  /** The shared token list, most frequent first. */
  tokens: readonly string[];
  /**
   * Walks a title's texts in order: `visit` gets the place in `tokens` of each listed token,
   * `visitLiteral` the text of each token used once in the catalog.
   */
  forEachToken(id: number, visit: (token: number) => void, visitLiteral: (text: string) => void): void;
}

const MAGIC = 'MQtx';
const HEADER = 16;
const END = 0;
const LITERAL = 1;
const FIRST_TOKEN = 2;
/** A word with the one space after it, or a run of anything else: together they spell any text. */
const TOKEN = /[\p{L}\p{M}\p{N}]+ ?|[^\p{L}\p{M}\p{N}]+/gu;

const tokensOf = (text: string | null): string[] => (text ? (text.match(TOKEN) ?? []) : []);

export function encodeTitleTexts(texts: TitleText[]): Uint8Array {
  const counts = new Map<string, number>();
  for (const t of texts) for (const token of [...tokensOf(t.overview), ...tokensOf(t.tagline)]) counts.set(token, (counts.get(token) ?? 0) + 1);
  // Most frequent first, so that they take one byte; ties by text, so that a build is repeatable.
  const listed = [...counts].filter(([token, n]) => n > 1 && !token.includes('\0')).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([token]) => token);
  const numberOf = new Map(listed.map((token, i) => [token, i + FIRST_TOKEN]));

  const utf8 = new TextEncoder();
  const codes = new ByteWriter();
  const starts = new Uint32Array(texts.length + 1);
  texts.forEach((t, id) => {
    for (const field of [t.overview, t.tagline]) {
      for (const token of tokensOf(field)) {
        const n = numberOf.get(token);
        if (n !== undefined) codes.leb128(n);
        else {
          const bytes = utf8.encode(token);
          codes.leb128(LITERAL);
          codes.leb128(bytes.length);
          codes.bytes(bytes);
        }
      }
      codes.leb128(END);
    }
    starts[id + 1] = codes.length;
  });

  const list = utf8.encode(listed.join('\0'));
  const code = codes.result();
  const out = new Uint8Array(HEADER + starts.byteLength + list.length + code.length);
  const view = new DataView(out.buffer);
  out.set(utf8.encode(MAGIC), 0);
  view.setUint32(4, texts.length, true);
  view.setUint32(8, list.length, true);
  view.setUint32(12, code.length, true);
  starts.forEach((s, i) => view.setUint32(HEADER + 4 * i, s, true));
  out.set(list, HEADER + starts.byteLength);
  out.set(code, HEADER + starts.byteLength + list.length);
  return out;
}

/** Reads a texts file, refusing one that is not one, is cut short, or does not fit the catalog. */
export function readTitleTexts(bytes: Uint8Array, expectedCount: number): TitleTexts {
  const what = 'the titles\' text file';
  if (bytes.byteLength < HEADER || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error(`${what} is not a Marquee texts file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  if (count !== expectedCount) throw new Error(`${what} holds ${count} titles, the catalog ${expectedCount}`);
  const listBytes = view.getUint32(8, true);
  const codeBytes = view.getUint32(12, true);
  const size = HEADER + 4 * (count + 1) + listBytes + codeBytes;
  if (bytes.byteLength !== size) throw new Error(`${what} is ${bytes.byteLength} bytes, expected ${size} (${bytes.byteLength < size ? 'cut off' : 'trailing bytes'})`);
  const starts = new Uint32Array(count + 1);
  for (let i = 0; i <= count; i++) starts[i] = view.getUint32(HEADER + 4 * i, true);
  if (starts[count] !== codeBytes) throw new Error(`${what} is damaged: its titles' codes end at ${starts[count]}, not ${codeBytes}`);
  const listAt = HEADER + 4 * (count + 1);
  // Copies: the list and the codes must not pin the whole download. The list is read into
  // strings on first use (65k of them at 60k titles), not before title search is ready.
  let list: Uint8Array | undefined = bytes.slice(listAt, listAt + listBytes);
  let tokens: string[] | undefined;
  const tokenList = () => {
    tokens ??= new TextDecoder().decode(list).split('\0');
    list = undefined;
    return tokens;
  };
  const codes = bytes.slice(listAt + listBytes);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  /**
   * Reads a title's codes: the place of each listed token, the text of each literal, the end
   * of each of its two fields. False where they are damaged (cut short, a literal not UTF-8).
   * One loop with its position in a local: reading each number through a closure made
   * walking the texts three times slower.
   */
  const walkCodes = (id: number, visit: (token: number) => void, visitLiteral: (text: string) => void, endField: () => void): boolean => {
    const end = starts[id + 1]!;
    let at = starts[id]!;
    let fieldsLeft = 2;
    /** Whether the number just read is the byte length of a literal. */
    let literal = false;
    while (at < end) {
      let b = codes[at++]!;
      let n = b & 0x7f;
      for (let scale = 0x80; b >= 0x80; scale *= 0x80) {
        if (at >= end) return false;
        b = codes[at++]!;
        n += (b & 0x7f) * scale;
      }
      if (literal) {
        if (at + n > end) return false;
        let text: string;
        try {
          text = utf8.decode(codes.subarray(at, (at += n)));
        } catch {
          return false;
        }
        visitLiteral(text);
        literal = false;
      } else if (n === LITERAL) literal = true;
      else if (n === END) {
        endField();
        if (--fieldsLeft === 0) return true;
      } else visit(n - FIRST_TOKEN);
    }
    return false;
  };
  let ranks: Map<string, number> | undefined;
  const rankOf = () => {
    // Built on first use: "The " and "the," are one word, ranked by its most frequent form.
    ranks = new Map();
    for (const token of tokenList()) {
      const word = foldText(token.trimEnd());
      if (/^[a-z0-9]+$/.test(word) && !ranks.has(word)) ranks.set(word, ranks.size);
    }
    for (const [word, rank] of ranks) ranks.set(word, rank / ranks.size);
    return ranks;
  };

  return {
    count,
    wordRank: (word) => (ranks ?? rankOf()).get(word) ?? Infinity,
    get tokens() {
      return tokenList();
    },
    forEachToken(id, visit, visitLiteral) {
      // Scoring only: a damaged run ends the walk, and `of` reports it when the text is shown.
      walkCodes(id, visit, visitLiteral, () => {});
    },
    of(id) {
      if (!(id >= 0 && id < count)) throw new Error(`${what} has no title ${id}`);
      const listed = tokenList();
      const fields: (string | null)[] = [];
      let text = '';
      let unlisted = false;
      const whole = walkCodes(
        id,
        (token) => {
          const t = listed[token];
          if (t === undefined) unlisted = true;
          else text += t;
        },
        (literal) => (text += literal),
        () => {
          fields.push(text || null);
          text = '';
        },
      );
      if (!whole || unlisted) throw new Error(`${what} is damaged at title ${id}`);
      return { overview: fields[0]!, tagline: fields[1]! };
    },
  };
}

/** Bytes appended to a growing buffer. */
class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  length = 0;

  leb128(n: number): void {
    do {
      const low = n % 128;
      n = Math.floor(n / 128);
      this.byte(n > 0 ? low | 0x80 : low);
    } while (n > 0);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private byte(b: number): void {
    this.room(1);
    this.buffer[this.length++] = b;
  }

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }
}
