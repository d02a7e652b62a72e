// Chart colours. The badges in styles.css use the same values so a colour means the same thing everywhere.

/** Classes a chip can be in on a date, as `classOf` names them, in legend order. */
export const CLASS_COLORS: [string, string][] = [
  ['3A090.a', '#c0392b'],
  ['3A090.b', '#e67e22'],
  ['3A090.c', '#8e44ad'],
  ['not controlled', '#2471a3'],
  ['insufficient data', '#95a5a6'],
];

export const VERDICT_COLORS: [string, string][] = [
  ['prohibited', '#7b241c'],
  ['licence_required', '#c0392b'],
  ['review', '#d68910'],
  ['allowed_with_conditions', '#117a65'],
  ['allowed', '#239b56'],
];

export const CONFIDENCE_COLORS: [string, string][] = [
  ['primary', '#1f618d'],
  ['secondary', '#5dade2'],
  ['reported', '#e67e22'],
  ['unconfirmed', '#aab7b8'],
];

/** Plot's `{domain, range}` for an ordinal colour scale. */
export const scaleOf = (pairs: [string, string][]) => ({ domain: pairs.map(([k]) => k), range: pairs.map(([, c]) => c) });
