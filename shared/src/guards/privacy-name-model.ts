/**
 * The learned half of the privacy guard's names: a logistic regression that scores a candidate name (a run of two to
 * four capitalised words, or of lower-case words that starts with a listed given name) from what is around it: the
 * words before and after, a relation or a person's doing, a name list or a surname's form, talk of works or of the
 * famous, the shape of the sentence. The rules in privacy.ts find the names they were written for; the model adds
 * the ones they miss ("Tamatoa Varuhe threw …", "as much as I like Kenji Watanabe-Ross …") and never removes one
 * (a veto of the rules' names below a low probability was tried on 2026-12-06: in cross-validation it cleared no
 * ordinary line).
 *
 * The features are strings built by privacy.ts (`nameCandidates`); the weights come from
 * scripts/train-privacy-names.mjs (its header names the labelled data) and are committed in privacy-name-weights.ts.
 */
import { NAME_MODEL } from './privacy-name-weights.js';

export interface NameModel {
  bias: number;
  /** A candidate is a name when its probability is at least this (chosen by the training script's rule). */
  threshold: number;
  weights: Readonly<Record<string, number>>;
}

const WEIGHTS: ReadonlyMap<string, number> = new Map(Object.entries(NAME_MODEL.weights));

/** For evaluation scripts: `enabled: false` gives the rules alone; `threshold` overrides the trained one. */
export const privacyNameModel = { enabled: true, threshold: NAME_MODEL.threshold };

/** The probability that a candidate with these features is a private person's name. */
export function nameProbability(features: readonly string[]): number {
  let s = NAME_MODEL.bias;
  for (const f of features) s += WEIGHTS.get(f) ?? 0;
  return 1 / (1 + Math.exp(-s));
}
