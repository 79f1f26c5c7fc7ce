import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/survival/random.js';

describe('Random', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Random(42), b = new Random(42), c = new Random(43);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('draws uniforms in [0, 1) with mean near 1/2 and integers covering their range', () => {
    const r = new Random(7);
    let sum = 0;
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      counts[r.int(6)]!++;
    }
    // mean of 60000 U(0,1): SD 0.0012, so 0.005 is > 4 SD
    expect(Math.abs(sum / 60000 - 0.5)).toBeLessThan(0.005);
    // each face expected 10000, SD ~91: 500 is > 5 SD
    for (const k of counts) expect(Math.abs(k - 10000)).toBeLessThan(500);
  });

  it('shuffles to a permutation and rejects bad arguments', () => {
    const p = new Random(1).shuffle(Array.from({ length: 50 }, (_, i) => i));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(() => new Random(1.5)).toThrow(/integer/);
    expect(() => new Random(1).int(0)).toThrow(/positive/);
  });
});
