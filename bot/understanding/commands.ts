/**
 * Commands that work in every state, by typing: menu or start again, back, help, talk to a person, and
 * glossary questions ("what does SENCO mean?").
 */
import type { GlossaryTerm } from '../../content/schema.js';
import { damerauLevenshtein } from './natural.js';
import { normalise } from './text.js';

export type Command = 'menu' | 'back' | 'help' | 'person';

const COMMANDS: Array<{ command: Command; phrases: string[] }> = [
  {
    command: 'menu',
    phrases: [
      'menu',
      'main menu',
      'home',
      'start again',
      'start over',
      'restart',
      'reset',
      'begin again',
      'start from the beginning',
      'go to the start',
      'back to the start',
      'back to menu',
      'back to the menu',
      'go to menu',
      'new question',
      'something else',
      'another pathway',
      'other options',
    ],
  },
  { command: 'back', phrases: ['back', 'go back', 'previous', 'previous step', 'back one', 'undo', 'last step'] },
  {
    command: 'help',
    phrases: [
      'help',
      'help me',
      'how does this work',
      'what can you do',
      'what can i say',
      'commands',
      'instructions',
      'i am stuck',
      'stuck',
      'confused',
      'i am confused',
      'what do i type',
    ],
  },
  {
    command: 'person',
    phrases: [
      'talk to a person',
      'speak to a person',
      'talk to someone',
      'speak to someone',
      'talk to a human',
      'speak to a human',
      'real person',
      'human',
      'a person',
      'an advisor',
      'adviser',
      'advisor',
      'agent',
      'helpline',
      'phone number',
      'call someone',
      'ring someone',
      'can i call',
      'can i ring',
      'someone to talk to',
      'contact you',
      'contact the council',
      'operator',
      'staff',
    ],
  },
];

let lastCommand: { text?: string; command: Command | null } = { command: null };

/** A short message that is, or plainly contains, a command. Longer sentences are left to other matchers. */
export function detectCommand(text: string): Command | null {
  // Asked of the same message several times a turn (the turn, the offers, the feedback): read once.
  if (text !== lastCommand.text) lastCommand = { text, command: readCommand(text) };
  return lastCommand.command;
}

function readCommand(text: string): Command | null {
  const full = normalise(text);
  const said = full
    .replace(/\b(please|now|can you|i want to|i would like to|let me|take me|go|to)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const { command, phrases } of COMMANDS) {
    if (phrases.some((p) => said === p || full === p)) return command;
  }
  if (full.split(' ').length > 8) return null;
  for (const { command, phrases } of COMMANDS) {
    if (command === 'back' || command === 'help') continue;
    if (phrases.some((p) => p.includes(' ') && ` ${full} `.includes(` ${p} `))) return command;
  }
  return null;
}

const GLOSSARY_PATTERNS = [
  /^(?:what|wot|wat|whats)(?:\s+(?:is|are|does|do|s))?\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:mean|means|stand for|stands for|short for))?$/,
  /^(?:meaning of|define|definition of|explain|what is meant by)\s+(?:an?\s+|the\s+)?(.+)$/,
  /^(.+?)\s+(?:meaning|means what|definition)$/,
];

// Glossary records are loaded once and never changed, so each term's keys are worked out once, not on every turn.
const TERM_KEYS = new WeakMap<GlossaryTerm, string[]>();

function termKeys(term: GlossaryTerm): string[] {
  let keys = TERM_KEYS.get(term);
  if (!keys) {
    keys = [term.term, ...term.aka].map((t) => normalise(t));
    TERM_KEYS.set(term, keys);
  }
  return keys;
}

function findTerm(candidate: string, glossary: Iterable<GlossaryTerm>): GlossaryTerm | null {
  const c = candidate
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!c) return null;
  const variants = new Set([c, c.replace(/s$/, ''), c.replace(/es$/, '')]);
  let near: GlossaryTerm | null = null;
  for (const term of glossary) {
    const keys = termKeys(term);
    if (keys.some((k) => variants.has(k))) return term;
    if (!near && c.length >= 5 && keys.some((k) => k.length >= 5 && Math.abs(k.length - c.length) <= 1 && damerauLevenshtein(k, c) <= 1)) near = term;
  }
  return near;
}

/** "what does SENCO mean?", "what is an EHCP", "meaning of LGSCO", or a known term typed on its own. */
export function glossaryQuestion(text: string, glossary: Iterable<GlossaryTerm>): GlossaryTerm | null {
  const said = normalise(text.replace(/[?!.]+$/g, ''));
  for (const pattern of GLOSSARY_PATTERNS) {
    const m = said.match(pattern);
    if (m?.[1]) {
      const term = findTerm(m[1], glossary);
      if (term) return term;
    }
  }
  return said.split(' ').length <= 4 ? findTerm(said, glossary) : null;
}

export type SmallTalk = 'greeting' | 'thanks' | 'ack';

const SMALL_TALK: Array<{ kind: SmallTalk; phrases: string[] }> = [
  {
    kind: 'greeting',
    phrases: [
      'hi',
      'hello',
      'hiya',
      'hlo',
      'helo',
      'hallo',
      'hii',
      'hey',
      'heya',
      'hi there',
      'hello there',
      'hey there',
      'morning',
      'good morning',
      'afternoon',
      'good afternoon',
      'evening',
      'good evening',
      'yo',
      'hi again',
      'hello again',
      'howdy',
    ],
  },
  {
    kind: 'thanks',
    phrases: [
      'thanks',
      'thank you',
      'thankyou',
      'thank u',
      'ta',
      'cheers',
      'thanks a lot',
      'thanks so much',
      'thank you so much',
      'many thanks',
      'thats great thanks',
      'great thanks',
      'ok thanks',
      'okay thanks',
      'ok thank you',
      'brilliant thanks',
      'lovely thanks',
      'that helps',
      'that helped',
      'very helpful',
    ],
  },
  {
    kind: 'ack',
    phrases: [
      'ok',
      'okay',
      'k',
      'kk',
      'okey',
      'right',
      'alright',
      'all right',
      'fine',
      'cool',
      'great',
      'got it',
      'i see',
      'oh',
      'ah',
      'oh ok',
      'ah ok',
      'hmm',
      'hm',
      'mm',
      'yes',
      'yeah',
      'yep',
      'no',
      'nope',
      'sure',
      'good',
      'nice',
      'lol',
    ],
  },
];

/** A whole message that is only a greeting, thanks or a nod: not a question, and not worth noting as one. */
export function smallTalk(text: string): SmallTalk | null {
  const said = normalise(text)
    .replace(/\b(please|so much|very much|x+)\b/g, ' ')
    // "hey you", "hi bot", "hello everyone": the greeting is the message.
    .replace(/^(\w+(?: \w+)?) (you|bot|there|all|everyone|again)$/, (whole, greeting: string) => (SMALL_TALK[0]!.phrases.includes(greeting) ? greeting : whole))
    .replace(/\s+/g, ' ')
    .trim();
  for (const { kind, phrases } of SMALL_TALK) if (phrases.includes(said)) return kind;
  // "ok ta", "right cheers", "yep thank you": a nod, then thanks.
  const [ack, thanks] = (['ack', 'thanks'] as const).map((kind) => SMALL_TALK.find((t) => t.kind === kind)!.phrases) as [string[], string[]];
  if (ack.some((nod) => said.startsWith(`${nod} `) && thanks.includes(said.slice(nod.length + 1)))) return 'thanks';
  // "Hello, I hope someone can help me", "hey, quick one": an opening that asks nothing yet.
  const opening = said.replace(OPENINGS, ' ').replace(/\s+/g, ' ').trim();
  if (opening !== said && (opening === '' || SMALL_TALK[0]!.phrases.includes(opening))) return 'greeting';
  return null;
}

/** Ways of opening a conversation before the question comes. */
const OPENINGS =
  /\b((can|could|will) (you|u|someone|anyone) help( me| us)?( with something| please)?|i (hope|am hoping|m hoping) (someone|you|u|anyone) can help( me| us)?|hoping (someone|you|u|anyone) can help( me| us)?|(hoping you can answer |i have |ive got |got )?(a )?quick (question|one|check|query)|i (have|ve got) a (question|query)|i need (some )?(help|advice)|need (some )?(help|advice)|(i m|im|i am) at my wits end|can i ask (you )?(a question|something))\b/g;
