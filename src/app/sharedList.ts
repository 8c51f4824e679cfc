import { parseTitleRef } from '../catalog/titleRef.ts';

/** A list as a link carries it: title keys only; the catalog says the rest. */
export interface SharedList {
  /** Whose list it is, as they chose to say; shown as text. */
  name: string;
  liked: string[];
  seen: string[];
}

const VERSION = 1;
/** More titles than any list to share; the link stays a few tens of kilobytes at most. */
export const MAX_SHARED_TITLES = 5000;
const MAX_NAME = 60;
const MAX_DECODED_BYTES = 1 << 20;

export class SharedListError extends Error {}

/**
 * The URL fragment that carries a list: its JSON, deflated (the browser's own
 * CompressionStream: nothing to load) and base64url-encoded. A fragment never reaches a
 * server, so the list stays between the people who pass the link.
 */
export async function encodeSharedList(list: SharedList): Promise<string> {
  if (list.liked.length + list.seen.length > MAX_SHARED_TITLES) throw new SharedListError(`a link carries at most ${MAX_SHARED_TITLES} titles`);
  const json = JSON.stringify({ v: VERSION, n: list.name.slice(0, MAX_NAME), l: list.liked, s: list.seen });
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return base64url(deflated);
}

/** The list a fragment carries; a damaged or foreign fragment is refused with what is wrong, never half read. */
export async function decodeSharedList(fragment: string): Promise<SharedList> {
  const bad = (why: string) => new SharedListError(`This link does not carry a list: ${why}. Ask for the link again.`);
  let bytes: Uint8Array;
  try {
    bytes = await pipe(fromBase64url(fragment.replace(/^#/, '')), new DecompressionStream('deflate-raw'), MAX_DECODED_BYTES);
  } catch (err) {
    throw err instanceof SharedListError ? err : bad('it is cut short or damaged');
  }
  let data: { v?: unknown; n?: unknown; l?: unknown; s?: unknown };
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw bad('it is damaged');
  }
  if (data.v !== VERSION) throw bad(`it is of version ${String(data.v)}, and this app reads version ${VERSION}`);
  const keys = (v: unknown) => (Array.isArray(v) && v.every((k) => typeof k === 'string' && isTitleKey(k)) ? (v as string[]) : undefined);
  const liked = keys(data.l);
  const seen = keys(data.s);
  if (!liked || !seen) throw bad('its titles are not title keys');
  if (liked.length + seen.length > MAX_SHARED_TITLES) throw bad(`it names more than ${MAX_SHARED_TITLES} titles`);
  return { name: typeof data.n === 'string' ? data.n.slice(0, MAX_NAME) : '', liked, seen };
}

function isTitleKey(key: string): boolean {
  try {
    return parseTitleRef(key) !== null && !key.startsWith('id:');
  } catch {
    return false;
  }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    // A small fragment that inflates to megabytes is not a list.
    if (total > limit) {
      await reader.cancel();
      throw new SharedListError('This link does not carry a list: it unpacks to more than a list can be. Ask for the link again.');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}
