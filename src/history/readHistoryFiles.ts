import { unzipSync } from 'fflate';
import { CsvError, parseCsv } from './csv.ts';
import { HistoryFormatError, type HistoryFile } from './historyItem.ts';
import { isImdbHeader, readImdb } from './imdb.ts';
import { isLetterboxdHeader, letterboxdKind, readLetterboxd } from './letterboxd.ts';
import { isLetterboxdImportHeader, readLetterboxdImportCsv } from './letterboxdImportCsv.ts';
import { isMarqueeList, readMarqueeList } from './marqueeList.ts';
import { readTraktExport } from './traktExport.ts';

/** Larger than any export these services make (a Trakt history of years of episodes is a few MB): refused unread. */
export const MAX_IMPORT_BYTES = 30 << 20;

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

const mb = (bytes: number) => `${(bytes / (1 << 20)).toFixed(1)} MB`;

/**
 * What a person's export files hold, whatever the service: a Letterboxd ZIP or its CSVs,
 * an IMDb ratings or list CSV, Trakt JSON (or the ZIP of Trakt's data export), and
 * Marquee's own exports (its JSON, and the CSV in Letterboxd's import format). Files of
 * one service are read together (a Letterboxd ratings.csv and watched.csv merge). Throws a
 * HistoryFormatError, whose message names the file and what was expected, for anything
 * else; nothing is read from a file past the size limit.
 */
export function readHistoryFiles(files: NamedBytes[]): HistoryFile[] {
  if (files.length === 0) throw new HistoryFormatError('no file was given');
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_IMPORT_BYTES) throw new HistoryFormatError(`${files.map((f) => f.name).join(', ')}: ${mb(total)}, larger than any history export (the limit is ${mb(MAX_IMPORT_BYTES)})`);
  const letterboxd: { name: string; text: string }[] = [];
  const trakt: { name: string; text: string }[] = [];
  const read: HistoryFile[] = [];
  const take = (name: string, text: string) => {
    const start = text.replace(/^\uFEFF/, '').trimStart()[0];
    const json = start === '{' ? parseJson(name, text) : undefined;
    if (isMarqueeList(json)) return void read.push(readMarqueeList(name, json));
    if (start === '[' || start === '{') return void trakt.push({ name, text });
    let header: string[];
    try {
      header = parseCsv(text.slice(0, text.search(/\r|\n/) + 1 || text.length)).header;
    } catch (err) {
      throw new HistoryFormatError(`${name}: ${(err as Error).message}`);
    }
    if (isLetterboxdHeader(header)) letterboxd.push({ name, text });
    else if (isImdbHeader(header)) read.push(withCsvErrors(name, () => readImdb(name, text)));
    else if (isLetterboxdImportHeader(header)) read.push(withCsvErrors(name, () => readLetterboxdImportCsv(name, text)));
    else throw new HistoryFormatError(`${name} is not a Letterboxd or IMDb export: its columns are not Letterboxd's (Date, Name, Year, Letterboxd URI) nor IMDb's (Const, Title, Year, ...)`);
  };
  for (const { name, bytes } of files) {
    if (isZip(bytes)) for (const member of unzipExport(name, bytes)) take(member.name, member.text);
    else take(name, decodeText(name, bytes));
  }
  if (letterboxd.length) read.push(withCsvErrors('Letterboxd export', () => readLetterboxd(letterboxd)));
  if (trakt.length) read.push(readTraktExport(trakt));
  return read;
}

function withCsvErrors(name: string, read: () => HistoryFile): HistoryFile {
  try {
    return read();
  } catch (err) {
    if (err instanceof CsvError) throw new HistoryFormatError(`${name}: ${err.message}`);
    throw err;
  }
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new HistoryFormatError(`${name} is not valid JSON (${(err as Error).message})`);
  }
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function decodeText(name: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HistoryFormatError(`${name} is not a text file (CSV or JSON) nor a ZIP: it cannot be an export of Letterboxd, IMDb or Trakt`);
  }
}

/**
 * The CSVs of a Letterboxd export ZIP, or the JSON files of a Trakt one. Each member's size
 * is checked before it is inflated, so a ZIP that would unpack to gigabytes is refused.
 */
function unzipExport(name: string, bytes: Uint8Array): { name: string; text: string }[] {
  let budget = MAX_IMPORT_BYTES;
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, {
      filter(file) {
        const wanted = letterboxdKind(file.name) !== undefined || /\.json$/i.test(file.name);
        if (!wanted) return false;
        budget -= file.originalSize;
        if (budget < 0) throw new HistoryFormatError(`${name} unpacks to more than ${mb(MAX_IMPORT_BYTES)}: not a history export`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof HistoryFormatError) throw err;
    throw new HistoryFormatError(`${name} is not a readable ZIP (${(err as Error).message})`);
  }
  const found = Object.entries(members).map(([member, data]) => ({ name: member, text: decodeText(`${name}/${member}`, data) }));
  if (found.length === 0) throw new HistoryFormatError(`${name} holds none of Letterboxd's CSVs (watched.csv, ratings.csv, diary.csv, watchlist.csv, likes/films.csv) nor Trakt's JSON files`);
  return found;
}
