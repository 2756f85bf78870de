/** The safeguarding rules for one kind of risk: risk to life. The decisions behind them are in ../rules.ts. */
import { carerOr, threatCategory, writerIsSubject, type RuleSpec } from './vocabulary.js';

export const RISK_TO_LIFE: RuleSpec[] = [
  {
    name: 'threat-to-kill',
    kinds: ['risk-to-life'],
    category: threatCategory,
    phrase:
      '(going to|will|would|wants to|want to|threatening to|threatened to|threatens to|threaten to|trying to|tried to|about to|coming to|come and) ' +
      '(kill|murder|stab|shoot|strangle|hurt|beat|burn|smash) (me|us|you|him|her|them|my|mum|dad|our|his|the kids|the children|the baby|everyone)',
    // "The move is going to kill him", "this timetable will kill her": a change that will be hard, not a threat.
    notBefore: '(@inanimate|@hardThing) @aux? @aux? @aux?',
    // "I'm going to kill my laptop": a thing, not a person.
    notAfter: '(chances|feelings|prospects|education|reputation|confidence|progress|career|future|case|application|appeal|head in|@device)',
  },
  {
    name: 'threatened-with-harm',
    kinds: ['risk-to-life'],
    category: threatCategory,
    phrase: '(threatening|threatened|threatens|threaten) to (kill|stab|shoot|burn|hurt|strangle|set fire|beat|murder|smash)',
    notBefore: '@inanimate @aux? @aux? @aux?',
  },
  {
    name: 'threatening-me',
    kinds: ['risk-to-life'],
    category: threatCategory,
    phrase:
      '(is|are|keeps|keep|been|was|he|she|they|partner|husband|ex|boyfriend) (threatening|threatened) (me|us|my (mum|kids|children|family|son|daughter|baby))',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: 'with (a|court|legal|prosecution|fines|fine|exclusion|tribunal|the (police|court|tribunal))',
  },
  {
    name: 'weapon',
    kinds: ['risk-to-life'],
    // "I've got the knife ready" is the writer's own danger; anyone else with a knife may hurt others.
    category: (ctx, before, match) => (writerIsSubject(before, match) ? carerOr('suicide')(ctx, before, match) : 'harm-to-others'),
    phrase:
      '(has|got|holding|holds|pulled|pulling|waving|brandishing|carrying|carries|grabbed|grabbing|picked up|threatening|threatened|came at|coming at|went for|going for) ' +
      '(me|us|him|her)? (with)? (a|the|his|her|their|out a|out the)? (knife|knives|gun|guns|machete|blade|axe|weapon|weapons)',
    notAfter: '(and fork|and forks|crime|skills|safety|obsession|collection|set|block|at (cookery|cooking)|in (cookery|cooking|food))',
  },
  {
    name: 'weapon-here',
    kinds: ['risk-to-life'],
    category: 'harm-to-others',
    phrase:
      '(outside|here|in the house|at the door|downstairs|upstairs|in my house|in our house|(he|she|they|someone|somebody|man|men) (is|are)) ' +
      'with (a|the|his|her)? (knife|knives|gun|guns|machete|blade|axe|weapon|weapons)',
  },
  {
    name: 'trying-to-get-in',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase:
      '(is|are|keeps) trying to (get in|get to me|get to us|get into (the|my|our) (room|house|bathroom|bedroom|flat))|' +
      '(i am|we are|im) hiding (in the (bathroom|bedroom|wardrobe|cupboard|loft|toilet)|from (him|her|them|my dad|my mum|my partner|my husband|my ex))',
  },
  {
    name: 'arson-threat',
    kinds: ['risk-to-life'],
    category: 'harm-to-others',
    phrase: 'burn (the|our|my|this) (house|flat|home|place) down|set fire to (the|our|my|this)? (house|flat|home|me|us)',
    notBefore: '@inanimate @aux? @aux? @aux?',
  },
  {
    name: 'partner-violence',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase: '@partner ~3 @violent (me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    // "my mum's boyfriend hits me" is a child at risk; that is the next rule.
    notBefore: '(mums|mum|dads|dad|nans|moms|her|his) ',
  },
  {
    name: 'violence-to-me',
    kinds: ['risk-to-life', 'child-at-risk'],
    category: 'domestic-abuse',
    // With only "he" or "she" we cannot tell a child's voice from an adult's, so both kinds.
    phrase:
      '(he|she|they|someone|somebody|people|man|woman|men) (just|always|keeps|keep|still|often|is|are|has|have|been|was|gets|got|drunk|and)? ~2 @violent (me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '(meltdown|meltdowns|tantrum|tantrums) ~4',
    notAfter: '(during|in|when (he|she) (has|is having)) (a|his|her)? (meltdown|meltdowns|tantrum|tantrums)',
  },
  {
    name: 'violence-to-mum',
    kinds: ['risk-to-life', 'child-at-risk'],
    category: 'domestic-abuse',
    phrase: '@violent (my|our)? (mum|nan|gran|grandma|nana)',
    notBefore: '(@childAgent|@inanimate) @aux? @aux? @aux?',
  },
  {
    name: 'violence-to-partner',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase: '@violent my (wife|partner|girlfriend|husband|boyfriend)',
    notBefore: '(@childAgent|@inanimate) @aux? @aux? @aux?',
  },
  {
    name: 'thrown-or-pushed',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase: '(threw|thrown|throws|throwing|pushed|shoved|dragged|dragging) (me|us|her|mum|my mum) (against|across|down|into|onto|on|at|out of|through|off)',
    notBefore: '@childAgent @aux? @aux? @aux?',
  },
  {
    name: 'breaking-in',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase: '(trying to|is|are|keeps) (break|breaking|kick|kicking|force|forcing) (in|into|down the door|the door down|the door in)',
    notAfter: '(tears|a sweat|song|laughter|laughing|a smile)',
  },
  {
    name: 'fear-for-life',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase: '(scared|afraid|frightened|terrified|fear|fearing|fearful|worried) for (my|our|his|her|their) (life|lives|safety)',
  },
  {
    name: 'violent-adult',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase: '(@partner|@parentFigure) ~2 (is|gets|goes|becomes|getting|being) (violent|abusive)',
    notBefore: '@childAgent ',
  },
  {
    name: 'abuse-now',
    kinds: ['risk-to-life'],
    category: 'domestic-abuse',
    phrase:
      '(living with|experiencing|going through|suffering|in) (domestic abuse|domestic violence)|(domestic abuse|domestic violence) (at home|now|right now|is happening|happening|going on)',
  },
];
