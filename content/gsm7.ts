/**
 * The GSM 03.38 default alphabet, which basic phones and SMS gateways use. One character outside it
 * turns the whole text into UCS-2, and a 160-character message becomes three.
 *
 * Written here because no maintained npm package does this well: the small ones on the registry
 * (gsm, gsm7, split-sms, gsm-charset-utils) are single-author packages that have not moved in years,
 * and some leave out the extension table or count it as one character.
 */

/** The basic table: each of these is one 7-bit character. */
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each is sent as an escape plus a character, so it costs two. */
const EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

/** Plain replacements for characters word processors put in, so editors are told what to type instead. */
const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2012': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\u00B7': '-',
  '\u00A0': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\t': ' ',
};

export interface NonGsm7Char {
  char: string;
  /** Position in the string, in UTF-16 code units (as String.prototype.indexOf counts). */
  index: number;
  /** e.g. "U+2019". */
  code: string;
  /** What to type instead, when there is an obvious plain equivalent. */
  suggestion?: string;
}

export function isGsm7Char(char: string): boolean {
  return basic.has(char) || extension.has(char);
}

export function isGsm7ExtensionChar(char: string): boolean {
  return extension.has(char);
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return false;
  return true;
}

/**
 * Length in GSM-7 characters, as a phone counts towards the 160 limit: extension characters count two.
 * A character outside the alphabet counts one (gateways that keep GSM-7 send a "?"); check isGsm7 first.
 */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const char of text) length += extension.has(char) ? 2 : 1;
  return length;
}

/** Every character that cannot be sent in GSM-7, with where it is and what to use instead. */
export function findNonGsm7(text: string): NonGsm7Char[] {
  const found: NonGsm7Char[] = [];
  let index = 0;
  for (const char of text) {
    if (!basic.has(char) && !extension.has(char)) {
      const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const suggestion = REPLACEMENTS[char];
      found.push(suggestion === undefined ? { char, index, code } : { char, index, code, suggestion });
    }
    index += char.length;
  }
  return found;
}

/** How many SMS parts a GSM-7 text needs: 160 in one part, 153 per part once it is split. */
export function gsm7Parts(text: string): number {
  const length = gsm7Length(text);
  return length <= 160 ? 1 : Math.ceil(length / 153);
}

/** Zero-width joiners, variation selectors and the like: dropped without a trace. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]|[\uFE00-\uFE0F]/u;

/**
 * Makes any text sendable as GSM-7: curly quotes, dashes and spaces become their plain forms, accented
 * letters outside the alphabet lose their accents ("naïve" -> "naive"), and anything else (emoji,
 * symbols) is dropped. Spaces left doubled by a dropped character are closed up.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) {
    if (basic.has(char) || extension.has(char)) out += char;
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else if (INVISIBLE.test(char)) continue;
    else {
      // NFKD splits "ï" into "i" and a combining mark, and "ﬁ" into "fi"; the marks are not GSM-7.
      for (const part of char.normalize('NFKD')) if (basic.has(part) || extension.has(part)) out += part;
    }
  }
  return out
    .replace(/[ ]{2,}/g, ' ')
    .replace(/ +\n/g, '\n')
    .replace(/\n +/g, '\n')
    .trim();
}
