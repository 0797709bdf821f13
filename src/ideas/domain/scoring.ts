/**
 * Absolute ICE and RICE scores (issue #13). A score depends on the idea's own fields only, so
 * adding, removing or rescoring another idea never moves it: nothing is normalised against the
 * backlog (the complaint about weighted scores that are). A missing or unusable input makes the
 * idea "not scored", never 0, and says which inputs are at fault.
 */

export const SCORING_MODELS = ['ICE', 'RICE'] as const;
export type ScoringModel = (typeof SCORING_MODELS)[number];

export const SCORE_INPUTS = ['reach', 'impact', 'confidence', 'ease', 'effort'] as const;
export type ScoreInput = (typeof SCORE_INPUTS)[number];

/** The inputs as read from the issue: null when the field is empty or the site lacks it. */
export type ScoreInputs = Record<ScoreInput, number | null>;

export const MODEL_INPUTS: Record<ScoringModel, readonly ScoreInput[]> = {
  ICE: ['impact', 'confidence', 'ease'],
  RICE: ['reach', 'impact', 'confidence', 'effort']
};

export type Score =
  { scored: true; value: number } | { scored: false; missing: ScoreInput[]; invalid: ScoreInput[] };

/**
 * The scales of the catalogue's fields (src/issue-types/domain/catalogue.ts): confidence is a
 * percentage, so it weighs as a fraction; effort divides, so it must be above 0.
 */
function usable(input: ScoreInput, value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  if (input === 'confidence') return value <= 100;
  if (input === 'effort') return value > 0;
  return true;
}

/** Scores keep two decimals: enough to rank, and the same figure on every screen and export. */
const round2 = (value: number) => Math.round(value * 100) / 100;

export function scoreOf(model: ScoringModel, inputs: ScoreInputs): Score {
  const missing: ScoreInput[] = [];
  const invalid: ScoreInput[] = [];
  for (const input of MODEL_INPUTS[model]) {
    const value = inputs[input];
    if (value === null) missing.push(input);
    else if (!usable(input, value)) invalid.push(input);
  }
  if (missing.length > 0 || invalid.length > 0) return { scored: false, missing, invalid };
  const v = (input: ScoreInput) => inputs[input] as number;
  const confidence = v('confidence') / 100;
  const value =
    model === 'ICE'
      ? v('impact') * confidence * v('ease')
      : (v('reach') * v('impact') * confidence) / v('effort');
  return { scored: true, value: round2(value) };
}

/** Scored ideas first, highest score first; ties and unscored ideas keep their given order. */
export function compareScores(a: Score, b: Score): number {
  if (a.scored && b.scored) return b.value - a.value;
  if (a.scored) return -1;
  if (b.scored) return 1;
  return 0;
}
