export type Factors = {
  language: number;
  availability: number;
  distance: number;
  ratings: number;
  continuity: number;
};

export const WEIGHTS: Factors = {
  language: 0.3,
  availability: 0.25,
  distance: 0.2,
  ratings: 0.15,
  continuity: 0.1,
};

/** Weighted match score in [0, 1]; every factor must already be normalised to [0, 1]. */
export function score(f: Factors): number {
  const total = (Object.keys(WEIGHTS) as (keyof Factors)[]).reduce(
    (sum, k) => sum + WEIGHTS[k] * Math.min(1, Math.max(0, f[k])),
    0,
  );
  return Math.round(total * 1000) / 1000;
}
