// Overlap of the six selectors' feature sets (the paper's Figure 3) and the candidate set for
// stepwise Cox: the intersection, or — when it is empty — the recorded fallback.
import { SELECTOR_NAMES, type SelectorName, type StudyConfig } from './config.js';

export interface OverlapPattern {
  /** The selectors that chose exactly these features (an upset-plot column). */
  selectors: SelectorName[];
  count: number;
  features: string[];
}

export interface Overlap {
  /** Size of each selector's set. */
  sizes: Record<string, number>;
  /** Number of selectors choosing each screened feature. */
  votes: Record<string, number>;
  intersection: string[];
  union: string[];
  /** Exclusive membership patterns, largest first (ties in selector order). */
  patterns: OverlapPattern[];
}

export interface CandidateChoice {
  /** 'intersection' (all six), 'votes' (fallback: chosen by ≥ minVotes selectors) or 'none'. */
  rule: 'intersection' | 'votes' | 'none';
  minVotes: number | null;
  features: string[];
}

/** `sets[i]` is the set of SELECTOR_NAMES[i]; features are reported in `screened` order. */
export function overlapOf(screened: string[], sets: string[][]): Overlap {
  const sizes: Record<string, number> = {};
  const members = sets.map((s) => new Set(s));
  SELECTOR_NAMES.forEach((name, i) => (sizes[name] = sets[i]?.length ?? 0));
  const votes: Record<string, number> = {};
  const byPattern = new Map<string, OverlapPattern>();
  for (const feature of screened) {
    const chosenBy = SELECTOR_NAMES.filter((_, i) => members[i]?.has(feature));
    votes[feature] = chosenBy.length;
    if (chosenBy.length === 0) continue;
    const key = chosenBy.join('&');
    const pattern = byPattern.get(key) ?? { selectors: chosenBy, count: 0, features: [] };
    pattern.count++;
    pattern.features.push(feature);
    byPattern.set(key, pattern);
  }
  const patterns = [...byPattern.values()].sort((a, b) => b.count - a.count || b.selectors.length - a.selectors.length);
  return {
    sizes,
    votes,
    intersection: sets.length === SELECTOR_NAMES.length ? screened.filter((f) => votes[f] === SELECTOR_NAMES.length) : [],
    union: screened.filter((f) => votes[f]! > 0),
    patterns,
  };
}

export function chooseCandidates(overlap: Overlap, rule: StudyConfig['intersection']): CandidateChoice {
  if (overlap.intersection.length > 0) return { rule: 'intersection', minVotes: SELECTOR_NAMES.length, features: overlap.intersection };
  if (rule.fallback === 'votes') {
    const names = Object.keys(overlap.votes);
    for (let k = SELECTOR_NAMES.length - 1; k >= rule.minVotes; k--) {
      const features = names.filter((f) => overlap.votes[f]! >= k);
      if (features.length > 0) return { rule: 'votes', minVotes: k, features };
    }
  }
  return { rule: 'none', minVotes: null, features: [] };
}
