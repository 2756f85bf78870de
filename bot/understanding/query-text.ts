/**
 * Reading a question's words for ranking: phrases in order, the asker's own age left out, placeholders
 * dropped, and the openings that lean on what came before.
 */

/**
 * True when the phrase's stems appear in the question in order and close together (at most one other
 * content word between them). Scattered words are not the phrase: "my name is Sarah, call me" is not
 * "name calling".
 */
export function containsPhrase(query: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start < query.length; start++) {
    if (query[start] !== phrase[0]) continue;
    let at = start;
    let matched = 1;
    while (matched < phrase.length) {
      const next = query.indexOf(phrase[matched]!, at + 1);
      if (next === -1 || next - at > 2) break;
      at = next;
      matched++;
    }
    if (matched === phrase.length) return true;
  }
  return false;
}

/**
 * "I'm 16", "my 4 year old", "she turns 18": the asker's age says who is asking, not what about, and as a
 * word it pulls towards any topic with that number in its name ("post-16 transport"). Intake and the
 * audience carry who is asking.
 */
export function withoutAges(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const after = ws.slice(i + 1, i + 3).join(' ');
    const agedAfter = /^(years? olds?|yrs? old|yo)\b/.exec(after);
    if (/^\d{1,2}$/.test(w) && (/^(am|is|aged|age|turns|turned|turning|now|shes|hes|theyre)$/.test(ws[i - 1] ?? '') || agedAfter)) {
      // "4 year old": the words after the number go with it.
      if (agedAfter) i += agedAfter[0].split(' ').length;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** Placeholders such as {council.helpline.phone} carry no meaning for matching. */
export const stripPlaceholders = (text: string) => text.replace(/\{[a-zA-Z0-9_.-]+\}/g, ' ');

/** A sentence that opens like this leans on the one before it. */
export const DEPENDS_ON_BEFORE =
  /^(they|them|it|its|this|that|these|those|he|she|his|her|their|or|and|but|so|then|also|if not|if so|otherwise|instead|however|both|either|neither|here|there)\b|\b(either|too|as well)\.$/i;

/** Words that point back at what was just discussed. */
export const BACK_REFERENCE = /^(and|but|so|also|what if|what about|how about|then)\b|\b(that|it|this|they|them|those|one|there|he|she)\b/;
