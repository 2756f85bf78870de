/**
 * The question a crisis message also asks, for the answer the turn may give after the crisis reply
 * (bot/assistant.ts): read from the message's text alone.
 */
import { asksOutright, contentWordCount } from './text.js';

/** The writer's own death or absence, or a farewell: "after I'm gone", "when I'm dead", "my note". */
const OWN_ABSENCE =
  /\b(?:(?:after|when|once|if) i(?:'| a)?m (?:gone|dead|not here|no longer here)|after i die|when i die|(?:wrote|written|left|leave|leaving) (?:a|my|the) (?:suicide |goodbye )?(?:note|letter)|goodbye|good bye|last message|won'?t (?:be here|be around|hear from me)|without me|sorry for everything)/i;

/** Content words a question beside a crisis needs to be about more than the crisis itself. */
const ASKED_BESIDE_CRISIS_WORDS = 3;

/**
 * The sentences of a message that ask something, joined, or '' when none does. Split at stops, question and
 * exclamation marks and semicolons only (cleanInput has already made line breaks spaces): people type in
 * lower case, so the capital a prose splitter looks for is often missing.
 */
function askingSentences(text: string): string {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .filter((s) => asksOutright(s))
    .join(' ')
    .trim();
}

/**
 * The sentences of a crisis message that ask something more than the crisis itself, joined, or '' when
 * there are none, or when the message is about life after the writer is gone: a practical answer there
 * reads as going along with it.
 */
export function questionBesideCrisis(text: string): string {
  if (OWN_ABSENCE.test(text)) return '';
  const asked = askingSentences(text);
  return contentWordCount(asked) < ASKED_BESIDE_CRISIS_WORDS ? '' : asked;
}
