// Seeds of every randomised step, derived from the master seed and a label that names the step
// ("full/rsf", "cv/r3/f1/gbm", "cv/r3/folds"…). Each step's seed depends only on (master, label),
// never on the order steps run in, so repeats can run on any number of workers and give the same
// numbers. Mixing: FNV-1a over the label's UTF-16 units, then a murmur3-style finaliser.

export function deriveSeed(master: number, label: string): number {
  let h = 0x811c9dc5 ^ (master | 0);
  h = Math.imul(h, 0x01000193);
  h ^= Math.floor(master / 4294967296) | 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
