import { describe, expect, it } from 'vitest';
import { decodeSharedList, encodeSharedList, MAX_SHARED_TITLES, SharedListError } from './sharedList.ts';

const keys = (n: number, prefix = 'h:') => Array.from({ length: n }, (_, i) => `${prefix}${(0x1000000000000000n + BigInt(i) * 7919n).toString(16)}`);

describe('a list in a link', () => {
  it('comes back as it went, keys, name and all, in a URL-safe fragment', async () => {
    const list = { name: 'Sam <b>', liked: ['tmdb:603', 'show:trakt:1390', ...keys(3)], seen: ['imdb:tt0133093'] };
    const fragment = await encodeSharedList(list);
    expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeSharedList(`#${fragment}`)).toEqual(list);
  });

  it('stays short enough to pass around: a thousand keys in a few kilobytes', async () => {
    const fragment = await encodeSharedList({ name: '', liked: keys(1000), seen: [] });
    expect(fragment.length).toBeLessThan(16_000);
    expect((await decodeSharedList(fragment)).liked).toHaveLength(1000);
  });

  it('refuses a damaged, foreign or oversized fragment, saying so', async () => {
    const fragment = await encodeSharedList({ name: '', liked: keys(20), seen: [] });
    await expect(decodeSharedList(fragment.slice(0, fragment.length >> 1))).rejects.toThrow('This link does not carry a list: it is cut short or damaged');
    await expect(decodeSharedList('not*base64')).rejects.toThrow(SharedListError);
    const foreign = async (json: string) => {
      const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };
    await expect(decodeSharedList(await foreign('{"v":2,"l":[],"s":[]}'))).rejects.toThrow('it is of version 2');
    await expect(decodeSharedList(await foreign('{"v":1,"l":["<script>"],"s":[]}'))).rejects.toThrow('its titles are not title keys');
    await expect(decodeSharedList(await foreign('{"v":1,"l":["id:3"],"s":[]}'))).rejects.toThrow('its titles are not title keys');
    // A few kilobytes that would inflate to megabytes.
    await expect(decodeSharedList(await foreign(`{"v":1,"n":"${' '.repeat(2 << 20)}"}`))).rejects.toThrow('it unpacks to more than a list can be');
    await expect(encodeSharedList({ name: '', liked: keys(MAX_SHARED_TITLES + 1), seen: [] })).rejects.toThrow(`at most ${MAX_SHARED_TITLES} titles`);
  });
});
