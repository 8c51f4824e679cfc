import { describe, expect, it } from 'vitest';
import { normalised, sphericalKMeans } from './kMeans.ts';
import { seededRandom } from './seededRandom.ts';

/** `n` unit vectors scattered around each of the given directions. */
function around(directions: number[][], n: number, spread: number, seed = 1): Float32Array[] {
  const random = seededRandom(seed);
  return directions.flatMap((d) => Array.from({ length: n }, () => normalised(Float32Array.from(d, (x) => x + (random() - 0.5) * spread))));
}

describe('spherical k-means', () => {
  const axes = [
    [1, 0, 0, 0, 0, 0],
    [0, 1, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0],
  ];

  it('finds groups that lie in different directions, each of them whole', () => {
    const points = around(axes, 20, 0.6);
    const { members, centres } = sphericalKMeans(points, 3);
    expect(members.map((m) => m.length).sort()).toEqual([20, 20, 20]);
    for (const group of members) expect(new Set(group.map((i) => Math.floor(i / 20))).size).toBe(1);
    for (const c of centres) expect(Math.hypot(...c)).toBeCloseTo(1, 5);
  });

  it('gives the same groups for the same points', () => {
    const points = around(axes, 15, 1.2, 7);
    expect(sphericalKMeans(points, 3)).toEqual(sphericalKMeans(points, 3));
  });

  it('dissolves groups smaller than the minimum into the others, every point kept once', () => {
    const points = [...around(axes.slice(0, 2), 20, 0.4), ...around([axes[2]!], 2, 0.1)];
    const all = sphericalKMeans(points, 3);
    expect(all.members.map((m) => m.length).sort((a, b) => a - b)).toEqual([2, 20, 20]);
    const { members, centres } = sphericalKMeans(points, 3, { minSize: 5 });
    expect(members.map((m) => m.length).sort((a, b) => a - b)).toEqual([20, 22]);
    expect(centres).toHaveLength(2);
    expect(members.flat().sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
  });

  it('groups every point when it starts from a sample of them', () => {
    const points = around(axes, 200, 0.6, 3);
    const { members } = sphericalKMeans(points, 3, { sample: 30 });
    expect(members.map((m) => m.length).sort()).toEqual([200, 200, 200]);
  });

  it('copes with fewer points than groups, and with points all alike', () => {
    expect(sphericalKMeans(around([axes[0]!], 2, 0.1), 5).members.flat().sort()).toEqual([0, 1]);
    const same = Array.from({ length: 6 }, () => Float32Array.from(axes[0]!));
    expect(sphericalKMeans(same, 3).members).toEqual([[0, 1, 2, 3, 4, 5]]);
  });
});
