// The text normalisation the detector applies at run time (LanguageDetector.cs, Tokenise),
// written again here so that training counts exactly the n-grams the detector will look up.
// Keep the two in step: a difference shows as a drop in the unit tests' accuracy.

const apostrophes = new Set(["'", '\u02BC', '\u2019']);

/** A Devanagari letter or sign: U+0900–U+097F less the danda, double danda, digits and abbreviation sign. */
export function isDevanagari(ch) {
  const c = ch.charCodeAt(0);
  return c >= 0x0900 && c <= 0x097f && c !== 0x0964 && c !== 0x0965 && !(c >= 0x0966 && c <= 0x0970);
}

export function isLatin(ch) {
  const c = ch.charCodeAt(0);
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Splits text into lower-case words of one script each. A whitespace-separated token that
 * is a URL, an e-mail address or an @mention is dropped whole; '#' and every other
 * non-letter separate words; ZWJ/ZWNJ are removed; an apostrophe after a Devanagari letter
 * is read as avagraha (Maithili writes भ' or भʼ for भऽ).
 * @returns {{script: 'deva'|'latin', word: string}[]}
 */
export function words(text) {
  const out = [];
  for (const token of text.normalize('NFC').split(/\s+/)) {
    if (token.length === 0 || token.includes('@') || token.includes('://') || token.toLowerCase().startsWith('www.')) continue;
    let word = '';
    let script = null;
    const flush = () => {
      if (word.length > 0) out.push({script, word});
      word = '';
      script = null;
    };
    for (const raw of token) {
      if (raw === '\u200c' || raw === '\u200d') continue;
      const ch = raw.toLowerCase();
      const kind = isDevanagari(ch) ? 'deva' : isLatin(ch) ? 'latin' : null;
      if (kind === null && apostrophes.has(raw) && script === 'deva') {
        word += '\u093d';
        continue;
      }
      if (kind !== script) flush();
      if (kind === null) continue;
      script = kind;
      word += ch;
    }
    flush();
  }
  return out;
}
