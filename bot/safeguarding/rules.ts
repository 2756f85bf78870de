/**
 * The safeguarding rules: phrases that mean someone may be at risk now, and the contexts that stop them
 * (idioms, hypotheticals, questions about a condition). detector.ts compiles and runs them.
 *
 * Decisions, with the corpus in test/fixtures/safeguarding/ as the record of them:
 * - Information-seeking about self-harm or suicide with nobody named ("self harm support services for
 *   teenagers", "suicide prevention training for staff") does not trigger; the same words with a person
 *   ("my daughter self harms what help is there", "I self harm") or on their own ("self harm") do.
 * - A condition named in a question ("he has epilepsy", "anaphylaxis to nuts", "a choking risk") is not
 *   an emergency; acute phrasing is ("having a seizure now", "won't stop fitting", "going into
 *   anaphylaxis").
 * - Violence from a child with SEND during meltdowns ("my son hits me during meltdowns") is a support
 *   question, not a crisis; violence from an adult, or towards a child, is.
 * - "I can't go on" triggers; "we can't go on like this, he needs a school place" and "can't go on the
 *   trip" do not.
 * - Self-injury words that are also common autistic behaviours (hitting, biting, head-banging) are left
 *   to the topics; cutting, burning, hurting, harming or strangling oneself trigger.
 */
import { skeleton } from './normalise.js';
import { endingRegExp } from './phrase.js';

export type RiskKind = 'risk-to-life' | 'self-harm' | 'child-at-risk' | 'medical-emergency';

/** Every kind, in the order replies list them. */
export const RISK_KINDS: readonly RiskKind[] = ['risk-to-life', 'medical-emergency', 'self-harm', 'child-at-risk'];

export const CLASSES: Record<string, string> = {
  refl: 'myself|himself|herself|themselves|yourself',
  childNoun:
    'son|sons|daughter|daughters|child|children|childs|kid|kids|boy|boys|girl|girls|baby|babies|toddler|' +
    'stepson|stepdaughter|grandson|granddaughter|grandchild|grandchildren|nephew|niece|lad|teen|teenager|' +
    'little one|little ones|brother|sister|brothers|sisters|@num year old|@num years old',
  victimChild: '(my|our|his|her|their|the|a) (little|baby|young|younger|youngest|eldest|oldest|older|step|autistic|disabled)? @childNoun',
  childAgent:
    '(my|our|his|her) (little|young|younger|older|eldest|youngest|autistic|disabled)? (son|daughter|child|kid|boy|girl|lad|teenager|toddler|@num year old)',
  parentFigure:
    '(mums|mum|dads|dad|nans|moms) (boyfriend|girlfriend|partner|husband|wife|fiance)|' +
    'dad|mum|father|mother|parent|parents|step dad|step mum|uncle|aunt|auntie|aunty|grandad|granddad|' +
    'grandpa|grandfather|nan|nana|gran|granny|grandma|grandmother|brother|sister|cousin|carer|carers|' +
    'foster carer|teacher|teachers|ta|teaching assistant|staff|babysitter|childminder|coach|stepbrother|stepsister',
  partner: 'husband|wife|partner|boyfriend|girlfriend|ex|ex partner|ex husband|ex wife|fiance|fiancee|other half',
  pronounAgent: 'he|she|they|someone|somebody|man|woman|men|people|person|guy|neighbour|neighbours',
  violent:
    'hits|hit|hitting|beats|beat|beating|punches|punched|punching|kicks|kicked|kicking|slaps|slapped|' +
    'slapping|hurts|hurt|hurting|strangles|strangled|strangling|chokes|choked|choking|throttles|throttled|' +
    'throttling|attacks|attacked|attacking|abuses|abused|abusing|assaults|assaulted|assaulting|burns|burnt|' +
    'burned|whips|whipped|batters|battered|battering|rapes|raped|raping|molests|molested|molesting|stabs|' +
    'stabbed|stabbing|sexually abuses|sexually abused|sexually abusing',
  inst:
    'council|school|schools|college|nursery|la|authority|team|senco|sendco|office|service|services|panel|' +
    'camhs|nhs|department|caseworker|system|government|academy|trust|hospital|consultant|social services|' +
    'social worker|emails|email|letters|letter|phone|phones|line|website|app|provision|placement',
  inanimate:
    '@inst|it|this|that|which|paperwork|waiting|wait|process|forms|form|tribunal|battle|fight|stress|worry|' +
    'job|work|delay|delays|cuts|situation|everything|noise|heat|traffic|exams|homework|pain|lack|kindness|message|story',
  /** A past event, not an emergency now: "stopped breathing at birth", "went blue as a baby". */
  past:
    'at birth|when (he|she|i|they) (was|were) (born|little|a baby|younger|small|tiny)|as a baby|as a newborn|' +
    'last (year|month|term)|(years|months|weeks) ago|in the past',
  /** Words between a subject and its verb: "the paperwork IS REALLY killing me". */
  aux:
    'is|are|was|were|am|has|have|had|been|be|being|keeps|keep|kept|always|just|still|really|often|constantly|' +
    'will|would|does|did|do|also|now|so|very|deeply|literally|actually|not|never|going to|trying to|about to|got|gets|get',
  hypothetical:
    'if|whenever|in case|incase|might|may|risk|prone|history|what happens|what to do|plan|plans|' +
    'training|trained|procedure|policy|protocol|should have|should of|would have|did not|never',
  frame:
    'policy|policies|procedure|procedures|training|trained|course|courses|awareness|prevention|statistics|' +
    'stats|rate|rates|research|leaflet|leaflets|lesson|lessons|curriculum|guidance|workshop|workshops|' +
    'toolkit|resources|module|project|homework|essay|assignment|protocol|protocols|strategy|charity|charities',
  sportsOrAccident:
    '(at|in|during|playing|doing) (football|rugby|pe|sport|sports|training|the park|a match|match|games|' +
    'play|playtime|the playground|gymnastics|swimming)|by accident|accidentally|falling|playing|shaving|cooking',
};

export interface Context {
  /** The message's words in skeleton form. */
  words: Set<string>;
  count: number;
}

export type KindsOf = RiskKind[] | ((ctx: Context, before: string) => RiskKind[]);

export interface RuleSpec {
  /** A short name, safe to log: it never holds message text. */
  name: string;
  kinds: KindsOf;
  phrase: string;
  /** Stops the match when this phrase ends right where the match begins. */
  notBefore?: string;
  /** Stops the match when this phrase starts right where the match ends. */
  notAfter?: string;
  /** For the few checks the phrase language cannot say, such as "any word ending in -ing". */
  notAfterPattern?: RegExp;
  /** A test on the whole message, for rules that need a person named somewhere in it. */
  when?: (ctx: Context) => boolean;
}

const SK = (words: string): Set<string> => new Set(words.split(' ').map(skeleton));
const PERSONAL = SK('i me my mine myself our he she him her his himself herself son daughter child kid boy girl friend brother sister mate');
const CHILD_WORDS = SK(
  'son sons daughter daughters child children childs kid kids boy boys girl girls baby toddler teen teenager nephew niece stepson stepdaughter grandson granddaughter',
);

const personNamed = (ctx: Context): boolean => [...PERSONAL].some((w) => ctx.words.has(w));
const mentionsChild = (ctx: Context): boolean => [...CHILD_WORDS].some((w) => ctx.words.has(w));
/** A short message ("self harm", "suicidal") is about the person typing it. */
const SHORT_MESSAGE = 4;

const FIRST_PERSON_BEFORE = endingRegExp('(i|me|myself) ~3', CLASSES);

export const SPECS: RuleSpec[] = [
  // ---------------------------------------------------------------- self-harm and suicidal feelings
  {
    name: 'wants-to-die',
    kinds: ['self-harm'],
    // "going to die" is left out: "I'm going to die of embarrassment" is far more common.
    phrase: '(want|wants|wanted|wanting|ready|deserve|deserves|like|trying|tried|try|plan|planning|hoping|hope|wish) to (die|be dead)',
    // "I want to die my hair pink".
    notAfter: '(for|laughing|(my|his|her|their|your|the|some)? (hair|clothes|shirt|shirts|top|tops|trousers|jeans|uniform|shoes|fabric|wool|eggs|hoodie))',
  },
  {
    name: 'wish-dead',
    kinds: ['self-harm'],
    phrase:
      '(wish|wishes|wished|wishing) (that)? (i|he|she) (was|were|could|would|had|did)? (just)? (dead|die|died|never born|never been born|not alive|not here|gone)',
  },
  {
    name: 'kill-oneself',
    kinds: ['self-harm'],
    phrase: '(kill|kills|killed|murder|hang|hanging|hanged|hung|drown|poison|strangle|suffocate|shoot|stab|unalive|unaliving|overdosing) @refl',
    // "nearly killed myself laughing", "shot myself in the foot", "drowning myself in paperwork".
    notAfter: '(laughing|in the foot|(in|with) (work|paperwork|coffee|tea|wine|chocolate|emails|forms|admin))',
  },
  {
    name: 'killing-oneself',
    kinds: ['self-harm'],
    phrase: 'killing @refl',
    notAfter: '(laughing|in the foot|to (get|make|keep|pay|finish))',
    // "I'm killing myself working two jobs" is overwork, not a disclosure.
    notAfterPattern: /^(?!(?:no|some|any|every)thing |evening |morning |thing )[a-z]+ing /,
  },
  {
    name: 'end-life',
    kinds: ['self-harm'],
    phrase: '(end|ends|ending|ended|take|taking|took|taken) (my|his|her|their|your) own? life',
    notBefore: '@inanimate @aux? @aux? @aux?',
    // "take his own life skills course".
    notAfter:
      '(skills|story|stories|experience|experiences|choices|decisions|journey|goals|plan|plans|insurance|lessons|coach|coaching|into (his|her|my|their) own hands)',
  },
  {
    name: 'unalive',
    kinds: ['self-harm'],
    phrase: '(unalive|unaliving|unalived|unalives)',
  },
  {
    name: 'end-it-all',
    kinds: ['risk-to-life', 'self-harm'],
    phrase: '(end|ending|ended) (it all|everything)',
    notAfter: '(with|between) (the|this|my|our|them|him|her)',
  },
  {
    name: 'end-it-now',
    kinds: ['self-harm'],
    // "end it" alone is too common ("end it with him"); with a time, or closing the sentence, it is not.
    phrase: '(end|ending) it (tonight|now|today|soon)|(going to|want to|will|about to|ready to|planning to|gonna) end it $',
    notAfter: '(with|between)',
  },
  {
    name: 'giving-up-on-life',
    kinds: ['self-harm'],
    phrase: '(give|giving|given|gave) up on (life|living)|(want|wants|wanna) to disappear (forever|for good|and never come back)',
  },
  {
    name: 'stockpiling-pills',
    kinds: ['self-harm'],
    phrase:
      '(pills|tablets|meds|paracetamol|painkillers) (saved|stockpiled|hidden|stashed|hoarded) (up)?|' +
      '(saving|saved|stockpiling|stashing|hoarding) (up)? (my|his|her|their)? (pills|tablets|meds|paracetamol|painkillers)',
  },
  {
    name: 'took-many-tablets',
    kinds: ['self-harm', 'medical-emergency'],
    // Ten or more: "he took 2 paracetamol for his headache" is ordinary.
    phrase:
      '(took|taken|swallowed|had|ate|eaten|necked|downed) (like|about|over|around)? @bignum (of)? (his|her|my|the|mums|dads)? (paracetamol|pills|tablets|painkillers|ibuprofen|sleeping pills|antidepressants|meds|capsules)',
  },
  {
    name: 'life-not-worth-living',
    kinds: ['self-harm'],
    phrase: 'life (is|s)? (not|no longer|never) worth (living|it|carrying on)',
  },
  {
    name: 'keeps-cutting',
    kinds: ['self-harm'],
    phrase: '(i|he|she|they) (keep|keeps|kept|been|started|start|is|am|are|was) cutting (again|$)|started cutting again',
  },
  {
    name: 'suicide-act',
    kinds: ['self-harm'],
    // Verbs that disclose on their own: attempts, plans and thoughts.
    phrase:
      '(attempted|attempt|attempts|tried|trying|commit|committing|committed|considering|contemplating|planning|' +
      '(think|thinks|thinking|thought|thoughts|talks|talking|talked|talk|says|said|mentioned|mentions|googling|researching) (about|of)) ' +
      '(suicide|killing @refl|ending (it|my life|his life|her life|their life)|self harm|self harming|hurting @refl|unaliving @refl?)',
  },
  {
    name: 'suicide-words',
    kinds: ['self-harm'],
    phrase: '(suicide|suicidal|self harm|self harming|self harms|self harmed|self harmer|self harmers|' + 'self injury|self injuring|self injure|self injures)',
    // Information-seeking with nobody named, or framed as policy or training, is not a disclosure.
    notBefore: '@frame (on|about|for|around|regarding|covering|in|of)? ~1',
    notAfter: '~1 @frame',
    when: (ctx) => personNamed(ctx) || ctx.count <= SHORT_MESSAGE,
  },
  {
    name: 'self-harm-disclosed',
    kinds: ['self-harm'],
    // "had really bad sh urges last night" names nobody but is plainly about the writer.
    phrase: '(suicidal|self harm|self harming) (thoughts|feelings|urges|urge|scars|scar|cuts|marks|relapse|ideation|again)',
    notAfter: '~1 @frame',
  },
  {
    name: 'harming-oneself',
    kinds: ['self-harm'],
    phrase:
      '(cutting|cut|cuts|burning|burn|burns|burnt|burned|hurting|hurt|hurts|harming|harm|harms|harmed|' +
      'starving|starve|starves|punishing|strangling|scratching) @refl',
    notAfter: '(@sportsOrAccident|(on|in) (a|the|his|her|my) |when (he|she|i) fell|badly|by mistake)',
  },
  {
    name: 'cutting-body',
    kinds: ['self-harm'],
    phrase: '(cutting|cuts|cut|slashing|slashed) (my|his|her|their) (arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|skin|body)',
    notAfter: '@sportsOrAccident',
  },
  {
    name: 'scratching-till-bleeds',
    kinds: ['self-harm'],
    phrase:
      '(scratching|scratches|scratched|picking|digging) (my|his|her|their|at) ~1 (arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|face) ~3 (bleed|bleeds|bleeding|blood)',
  },
  {
    name: 'overdose-intent',
    kinds: ['self-harm'],
    phrase:
      '(going to|want to|wanting to|trying to|tried to|try to|planning to|plan to|thinking of|thinking about|about to|will|might) (take|do|have)? (an|a)? (overdose|overdosing|overdosed)',
  },
  {
    name: 'overdose-taken',
    kinds: ['self-harm', 'medical-emergency'],
    phrase: '(taken|took|take|taking|had|done|has|just) (an|a) overdose|(i|he|she|they|has|have|had|just|nearly|almost|am|is|are|been) (overdosed|overdosing)',
    notBefore: '@hypothetical ~2',
  },
  {
    name: 'not-want-to-live',
    kinds: ['self-harm'],
    phrase: 'not (want|wanting|wants) to (live|be alive|exist|be on this earth|be in this world)',
    notAfter:
      '(in|at|with|near|on|there|here|by|independently|alone|away|far|nearby|somewhere|together|apart|like (that|them)|' +
      'at home|without (his|her|my|a|the))',
  },
  {
    name: 'not-want-to-be-here',
    kinds: ['self-harm'],
    phrase: 'not (want|wanting|wants) to be here (anymore|no more|no longer|any longer|ever again)',
  },
  {
    name: 'no-point-living',
    kinds: ['self-harm'],
    phrase:
      '(no|nothing|what is the|whats the|not any|there is no) point (in|of|to)? (living|life|being alive|being here|going on|carrying on|existing|me being here)|' +
      'no reason to (live|go on|carry on|be alive|be here|keep going)',
    notAfter: '(with|to|at|in) ',
  },
  {
    name: 'take-all-pills',
    kinds: ['self-harm'],
    // Intent, not routine medicine: "he took all his tablets today" is good news.
    phrase:
      '(going to|want to|will|might|about to|thinking of|thinking about|planning to|could) (take|swallow|neck) all (of)? (my|his|her|the|mums|dads|their)? ' +
      '(pills|tablets|meds|medication|medicine|paracetamol|painkillers)',
  },
  {
    name: 'took-all-pills-at-once',
    kinds: ['self-harm', 'medical-emergency'],
    phrase:
      '(took|taken|swallowed|necked|had) all (of)? (my|his|her|the|mums|dads|their)? (pills|tablets|meds|medication|medicine|paracetamol|painkillers) (at once|in one go|together)',
  },
  {
    name: 'cannot-go-on',
    kinds: ['self-harm'],
    // Only "I": "we can't go on like this" is usually about the wait for a school place.
    phrase: 'i (just|really|honestly|seriously|literally|actually|simply|feel like i|feel i)? can not (go on|carry on|keep going)',
    notAfter:
      '(a|the|an|holiday|holidays|trip|trips|school|bus|train|his|her|their|my|our|your|with (the|a|an|his|her|this|my)|to|at|for|in|' +
      'until|till|without|like that|website|site|line|online|computer|phone|course|waiting|fighting)',
  },
  {
    name: 'nobody-cares-if-die',
    kinds: ['self-harm'],
    phrase:
      '(nobody|everyone|people|anyone|no one) ~3 (care|cares|cared|notice|noticed|miss|mind) ~1 (if|when) ~2 (die|died|dead|gone|killed @refl|not here|never born)',
  },
  {
    name: 'better-off-dead',
    kinds: ['self-harm'],
    phrase: 'better off (dead|without me|if i (was|were|am) (dead|gone|not here|never born)|if i (died|did not exist))',
  },
  {
    name: 'never-wake-up',
    kinds: ['self-harm'],
    phrase: '(sleep|sleeping) (and|then) (never|not) (wake|waking|woke)|(hope|hoping|wish) (i|he|she) (never|do not|does not|will not) wake up',
  },
  {
    name: 'done-with-life',
    kinds: ['self-harm'],
    phrase: 'done with (life|living|being alive|existing)',
  },
  {
    name: 'jump-from-height',
    kinds: ['self-harm'],
    phrase:
      '(jump|jumping|jumped|throw @refl|throwing @refl) (off|of|from) (a|the|that)? ~2 (bridge|building|roof|cliff|car park|multi storey|multistorey|tower|balcony|window)|' +
      '(jump|jumping|jumped|throw @refl|throwing @refl|step|stepping|lie|lying) (in front of|infront of|under) (a|the)? (train|trains|bus|lorry|car|cars|traffic)',
  },

  // ---------------------------------------------------------------- risk to life
  {
    name: 'threat-to-kill',
    kinds: ['risk-to-life'],
    phrase:
      '(going to|will|would|wants to|want to|threatening to|threatened to|threatens to|threaten to|trying to|tried to|about to|coming to|come and) ' +
      '(kill|murder|stab|shoot|strangle|hurt|beat|burn|smash) (me|us|you|him|her|them|my|mum|dad|our|his|the kids|the children|the baby|everyone)',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(chances|feelings|prospects|education|reputation|confidence|progress|career|future|case|application|appeal|head in)',
  },
  {
    name: 'threatened-with-harm',
    kinds: ['risk-to-life'],
    phrase: '(threatening|threatened|threatens|threaten) to (kill|stab|shoot|burn|hurt|strangle|set fire|beat|murder|smash)',
    notBefore: '@inanimate @aux? @aux? @aux?',
  },
  {
    name: 'threatening-me',
    kinds: ['risk-to-life'],
    phrase:
      '(is|are|keeps|keep|been|was|he|she|they|partner|husband|ex|boyfriend) (threatening|threatened) (me|us|my (mum|kids|children|family|son|daughter|baby))',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: 'with (a|court|legal|prosecution|fines|fine|exclusion|tribunal|the (police|court|tribunal))',
  },
  {
    name: 'weapon',
    kinds: ['risk-to-life'],
    phrase:
      '(has|got|holding|holds|pulled|pulling|waving|brandishing|carrying|carries|grabbed|grabbing|picked up|threatening|threatened|came at|coming at|went for|going for) ' +
      '(me|us|him|her)? (with)? (a|the|his|her|their|out a|out the)? (knife|knives|gun|guns|machete|blade|axe|weapon|weapons)',
    notAfter: '(and fork|and forks|crime|skills|safety|obsession|collection|set|block|at (cookery|cooking)|in (cookery|cooking|food))',
  },
  {
    name: 'weapon-here',
    kinds: ['risk-to-life'],
    phrase:
      '(outside|here|in the house|at the door|downstairs|upstairs|in my house|in our house|(he|she|they|someone|somebody|man|men) (is|are)) ' +
      'with (a|the|his|her)? (knife|knives|gun|guns|machete|blade|axe|weapon|weapons)',
  },
  {
    name: 'trying-to-get-in',
    kinds: ['risk-to-life'],
    phrase:
      '(is|are|keeps) trying to (get in|get to me|get to us|get into (the|my|our) (room|house|bathroom|bedroom|flat))|' +
      '(i am|we are|im) hiding (in the (bathroom|bedroom|wardrobe|cupboard|loft|toilet)|from (him|her|them|my dad|my mum|my partner|my husband|my ex))',
  },
  {
    name: 'arson-threat',
    kinds: ['risk-to-life'],
    phrase: 'burn (the|our|my|this) (house|flat|home|place) down|set fire to (the|our|my|this)? (house|flat|home|me|us)',
    notBefore: '@inanimate @aux? @aux? @aux?',
  },
  {
    name: 'partner-violence',
    kinds: ['risk-to-life'],
    phrase: '@partner ~3 @violent (me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    // "my mum's boyfriend hits me" is a child at risk; that is the next rule.
    notBefore: '(mums|mum|dads|dad|nans|moms|her|his) ',
  },
  {
    name: 'violence-to-me',
    kinds: ['risk-to-life', 'child-at-risk'],
    // With only "he" or "she" we cannot tell a child's voice from an adult's, so both kinds.
    phrase:
      '(he|she|they|someone|somebody|people|man|woman|men) (just|always|keeps|keep|still|often|is|are|has|have|been|was|gets|got|drunk|and)? ~2 @violent (me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '(meltdown|meltdowns|tantrum|tantrums) ~4',
    notAfter: '(during|in|when (he|she) (has|is having)) (a|his|her)? (meltdown|meltdowns|tantrum|tantrums)',
  },
  {
    name: 'violence-to-mum',
    kinds: ['risk-to-life', 'child-at-risk'],
    phrase: '@violent (my|our)? (mum|nan|gran|grandma|nana)',
    notBefore: '(@childAgent|@inanimate) @aux? @aux? @aux?',
  },
  {
    name: 'violence-to-partner',
    kinds: ['risk-to-life'],
    phrase: '@violent my (wife|partner|girlfriend|husband|boyfriend)',
    notBefore: '(@childAgent|@inanimate) @aux? @aux? @aux?',
  },
  {
    name: 'thrown-or-pushed',
    kinds: ['risk-to-life'],
    phrase: '(threw|thrown|throws|throwing|pushed|shoved|dragged|dragging) (me|us|her|mum|my mum) (against|across|down|into|onto|on|at|out of|through|off)',
    notBefore: '@childAgent @aux? @aux? @aux?',
  },
  {
    name: 'breaking-in',
    kinds: ['risk-to-life'],
    phrase: '(trying to|is|are|keeps) (break|breaking|kick|kicking|force|forcing) (in|into|down the door|the door down|the door in)',
    notAfter: '(tears|a sweat|song|laughter|laughing|a smile)',
  },
  {
    name: 'fear-for-life',
    kinds: ['risk-to-life'],
    phrase: '(scared|afraid|frightened|terrified|fear|fearing|fearful|worried) for (my|our|his|her|their) (life|lives|safety)',
  },
  {
    name: 'violent-adult',
    kinds: ['risk-to-life'],
    phrase: '(@partner|@parentFigure) ~2 (is|gets|goes|becomes|getting|being) (violent|abusive)',
    notBefore: '@childAgent ',
  },
  {
    name: 'abuse-now',
    kinds: ['risk-to-life'],
    phrase:
      '(living with|experiencing|going through|suffering|in) (domestic abuse|domestic violence)|(domestic abuse|domestic violence) (at home|now|right now|is happening|happening|going on)',
  },

  // ---------------------------------------------------------------- a child at risk of harm
  {
    name: 'adult-hurts-child-or-me',
    kinds: ['child-at-risk'],
    phrase: '@parentFigure ~3 @violent (me|us) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '@childAgent ~1',
  },
  {
    name: 'someone-hurts-child',
    kinds: ['child-at-risk'],
    phrase: '@violent @victimChild !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '(@childAgent|@inanimate) @aux? @aux? @aux?',
  },
  {
    name: 'adult-hurts-him-or-her',
    kinds: (ctx) => (mentionsChild(ctx) ? ['child-at-risk'] : ['risk-to-life']),
    phrase:
      '(@parentFigure|@partner|he|she) ~3 @violent (him|her|them) !(at (chess|cards|games|a game|football|fifa|tennis|pool|darts|monopoly|racing|running|a race))',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(@sportsOrAccident|feelings|chances)',
  },
  {
    name: 'being-harmed',
    kinds: (_ctx, before) => (FIRST_PERSON_BEFORE.test(before) ? ['child-at-risk', 'risk-to-life'] : ['child-at-risk']),
    phrase:
      '(being|been) ~2 (abused|groomed|molested|raped|assaulted|sexually abused|sexually assaulted|hurt|hit|beaten|battered|' +
      'attacked|exploited|trafficked|touched|strangled|kicked|punched|slapped|whipped|starved|locked in|locked up|tied up)|' +
      '(got|gets|getting|get|was|is|are|were) ~1 (abused|groomed|molested|raped|sexually abused|sexually assaulted|assaulted|' +
      'beaten|beaten up|battered|strangled|exploited|trafficked)',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(out|@sportsOrAccident|by (a|the) (ball|door|car|bus|swing))',
  },
  {
    name: 'neglected',
    kinds: ['child-at-risk'],
    phrase: '(being|been|is|are|was|were|gets|get|feel|feels) (neglected|starved)|neglecting (him|her|them|the kids|the children|the baby|@victimChild)',
    // Complaints that a school or council neglects a child's needs are not a child-protection emergency.
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(by|at) (the|my|his|her)? @inst',
  },
  {
    name: 'touched',
    kinds: ['child-at-risk'],
    phrase: '(touched|touches|touching|fiddled|fiddles|fiddling|groping|groped|gropes) (me|her|him|them|@victimChild)',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '((on|in) (the|my|his|her))? (arm|arms|hand|hands|shoulder|shoulders|hair|head|back|heart|knee)',
  },
  {
    name: 'private-parts',
    kinds: ['child-at-risk'],
    phrase:
      '(touches|touched|touching|hurts|hurt|hurting|grabs|grabbed|grabbing|fiddles|fiddled|shows|showed|showing) ~3 ' +
      '(private|privates|private parts|bum|willy|fanny|vagina|penis|boobs|breasts|down there)',
  },
  {
    name: 'sexual-images',
    kinds: ['child-at-risk'],
    phrase:
      '(send|sends|sending|sent|asked|asks|asking|ask|wants|wanted|made|making|forced|forcing|share|sharing|shared) ~4 ' +
      '((nudes|nude|naked|sexual|explicit|sexy|intimate|dirty) (pictures|picture|photos|photo|pics|pic|images|image|messages|message|videos|video|texts|selfies)?|' +
      'rude (pictures|picture|photos|photo|pics|pic|images|videos|selfies))',
  },
  {
    name: 'pictures-of-themselves',
    kinds: ['child-at-risk'],
    phrase:
      '(making|made|forcing|forced|asking|asked|pressuring|pressured|getting|blackmailing) (me|him|her|them|@victimChild) (to)? (send|take|share) (pictures|photos|pics|videos|images|selfies) of (@refl|me|him|her)',
  },
  {
    name: 'shaking-baby',
    kinds: ['child-at-risk'],
    phrase: '(shakes|shook|shaking|shaken) (the|my|our|his|her)? (baby|babies|him|her|them|@victimChild)',
    notAfter: '(awake|hand|hands|up|off)',
    when: (ctx) => mentionsChild(ctx),
  },
  {
    name: 'locked-in-or-unfed',
    kinds: ['child-at-risk'],
    phrase:
      '(locks|locked|locking) (me|him|her|them|us|@victimChild) (in|up|out) |' +
      '(does not|do not|never|will not|wont|refuses to|refused to) (feed|feeds) (me|us|him|her|them)',
    notBefore: '@inanimate @aux? @aux? @aux?',
  },
  {
    name: 'injuries-from-adult',
    kinds: ['child-at-risk'],
    phrase: '(bruises|bruise|bruising|marks|burns|cuts|injuries|black eye|welts) ~3 from (his|her|my|their|our)? (@parentFigure|@partner)',
  },
  {
    name: 'child-missing',
    kinds: ['child-at-risk'],
    phrase:
      '(is|been|gone|went|go) missing (since|for|overnight|all night)|' +
      '(has not|did not|never|not) (come|came) home (last night|since|all night|overnight)|(ran|run|running) away from home',
    notAfter: '~3 (school|lessons|lesson|classes|college|education|sessions|appointments|work)',
  },
  {
    name: 'grooming',
    kinds: ['child-at-risk'],
    phrase: '(grooming|groomed|grooms) (me|him|her|them|@victimChild)',
  },
  {
    name: 'not-safe-at-home',
    kinds: ['child-at-risk'],
    phrase:
      '(not|never|unsafe|not feel|not feeling|never feel|never feels|not feels) (safe)? ' +
      '(at home|in (my|his|her|our|their) (home|house)|at (his|her|my|their|our) (dads|mums|dad|mum|house|home|nans)|' +
      'around (him|her|them|his dad|her dad|my dad|my mum|his mum|her mum|my step dad|@partner)|' +
      'with (him|her|them|his|her|my|their) (dad|mum|step dad|step mum|father|mother|@partner|uncle))',
  },
  {
    name: 'scared-to-go-home',
    kinds: ['child-at-risk'],
    phrase: '(scared|afraid|frightened|terrified|too scared|petrified) (to go|of going|to return|of returning|to get) (back)? home',
  },
  {
    name: 'left-alone',
    kinds: ['child-at-risk'],
    phrase:
      '(left|leaves|leave|leaving) (alone|on (his|her|their|my|our) own|home alone|by (himself|herself|themselves|myself)) ~2 ' +
      '(all day|all night|overnight|for days|for hours|every night|all weekend|for the weekend|for a week|for weeks|every day|most nights)',
    notBefore: '(can !not|could|should|is it|legal|allowed|age|old enough) ~5',
  },
  {
    name: 'no-food',
    kinds: ['child-at-risk'],
    phrase:
      '(no|never any|never|not any|not enough|nothing|hardly any) (food|to eat) (in the house|at home|in the flat|in the fridge)|' +
      '(nobody|no one|never) (feeds|feed|fed|gives us food|makes us food) (me|us|him|her|them)',
  },
  {
    name: 'thrown-out',
    kinds: ['child-at-risk'],
    phrase:
      '@parentFigure ~3 (kicked|thrown|threw|chucked|kick|kicks|throws) (me|him|her|us) out|(nowhere|no place) to (sleep|stay|live|go) (tonight|today|now)',
  },

  // ---------------------------------------------------------------- medical emergency, happening now
  {
    name: 'not-breathing',
    kinds: ['medical-emergency'],
    phrase: '(not|stopped|stop|stops|can not|struggling to|struggling|cannot|hardly|barely|unable to) (breathing|breathe|breath)',
    notBefore: '@hypothetical ~3',
    notAfter: '(~2 @past|down|a word|word|lol|haha|for laughing|with laughing|from laughing|exercises)',
  },
  {
    name: 'gasping',
    kinds: ['medical-emergency'],
    phrase: '(gasping|fighting) (for)? (breath|air)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'not-moving',
    kinds: ['medical-emergency'],
    phrase: '(he|she|they|baby|son|daughter|child|husband|wife|partner|mum|dad|and) (is|are)? not (moving|responding)',
    notBefore: '@hypothetical ~3',
    notAfter: '(on|to|up|forward|school|schools|house|in|out|away|with)',
  },
  {
    name: 'breathing-wrong',
    kinds: ['medical-emergency'],
    phrase: 'breathing (is|sounds|seems|looks) (really|very|so)? (weird|strange|funny|odd|wrong|shallow|slow|fast|noisy|rattly|gaspy)',
    notBefore: '@hypothetical ~3',
    notAfter: '~2 @past',
  },
  {
    name: 'having-seizure',
    kinds: ['medical-emergency'],
    phrase: '(is|are|now|currently|still) having (a|another|an) (seizure|fit|convulsion|tonic clonic)',
    notBefore: '@hypothetical ~3',
    // "having a fit about his homework" is a tantrum.
    notAfter: '(about|over|because|at|when|if|every|each|most|once|twice)',
  },
  {
    name: 'seizure-not-stopping',
    kinds: ['medical-emergency'],
    phrase:
      '(seizure|seizures|fit|fits|fitting|seizing|convulsing|convulsion|convulsions) ~3 (will not|can not|does not|is not|has not|have not|not|never|wont) ' +
      '(stop|stopped|stopping|end|ended|ending)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'fitting-now',
    kinds: ['medical-emergency'],
    phrase: '(is|are|been|keeps|keep|started|still|now|currently) (fitting|seizing|convulsing)',
    notBefore: '(@hypothetical|not) ~2',
    // "fitting in well", "the uniform isn't fitting him".
    notAfter:
      '(~2 @past|in|into|with|the|well|right|properly|together|him|her|them|me|you|his|their|a|an|out|up|it|for|perfectly|nicely|' +
      'okay|ok|fine|better|comfortably|badly)',
  },
  {
    name: 'fitting-for-minutes',
    kinds: ['medical-emergency'],
    phrase: '(fitting|seizing|convulsing|seizure|fit) (for|over|more than|longer than) (over|more than)? @num (minutes|mins|min|minute)',
    notBefore: '(@hypothetical|lasts|lasting) ~3',
  },
  {
    name: 'unconscious',
    kinds: ['medical-emergency'],
    phrase:
      '(is|are|gone|went|now|just|completely|totally|still|lying|found (him|her|them)|been|was|knocked|he|she) (unconscious|unresponsive)|' +
      '(is|are) not responding|knocked (out|unconscious)',
    notBefore: '@hypothetical ~3|@inst @aux? @aux? @aux?',
    notAfter: '(~2 @past|to|bias|biases|mind|with)',
  },
  {
    name: 'cannot-wake',
    kinds: ['medical-emergency'],
    phrase: '(can not|cannot|will not|unable to|is not|are not) (wake|waking|woken|rouse) (him|her|them|my|me)? (up)?',
    notBefore: '@hypothetical ~3',
    // "I can't wake him up for school" is about sleep, not an emergency.
    notAfter: '(for|in|on|early|mornings|morning|until|till|at|before|when|so|time|properly on|easily|without)',
  },
  {
    name: 'choking',
    kinds: ['medical-emergency'],
    phrase: '(is|are|s|now|started|keeps|he|she|baby|been) choking',
    notBefore: '(@hypothetical|at|about) ~2',
    notAfter: '(risk|risks|hazard|hazards|on (his|her|their|my) words|back|up|me|us|her|him|them|mum|game|games|challenge)',
  },
  {
    name: 'swallowed-poison',
    kinds: ['medical-emergency'],
    phrase:
      '(swallowed|swallow|swallowing|drank|drunk|drinking|ate|eaten|eating|licked|sucked) ~3 ' +
      '(bleach|poison|battery|batteries|magnet|magnets|detergent|washing liquid|washing pod|washing pods|washing tablet|' +
      'laundry pod|laundry pods|liquitab|liquitabs|dishwasher tablet|dishwasher tablets|antifreeze|weedkiller|weed killer|' +
      'rat poison|white spirit|screenwash|cleaning fluid|cleaning product|drain cleaner|oven cleaner|vape liquid|e liquid|turps|petrol|' +
      'washing up liquid|fabric softener|nail varnish remover|hand sanitiser|hand gel|cleaning spray|descaler|dishwasher liquid)',
    notBefore: '(@hypothetical|what if|how do i stop|stop|from) ~3',
  },
  {
    name: 'swallowed-many-tablets',
    kinds: ['medical-emergency', 'self-harm'],
    phrase:
      '(taken|took|take|taking|swallowed|ate|eaten|had|necked|downed) ~2 (a|an|the)? (whole|full)? ' +
      '(packet|packets|box|boxes|bottle|bottles|load|loads|handful|lot|lots|pack|strip|strips|tub) of ~2 ' +
      '(pills|tablets|paracetamol|ibuprofen|medicine|medication|meds|painkillers|sleeping pills|antidepressants|melatonin|insulin|capsules)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'turning-blue',
    kinds: ['medical-emergency'],
    phrase:
      '(turning|turned|gone|going|went) (blue|purple|grey|gray)|(lips|lip|face|skin|fingers) (is|are|look|looks|have|has) (gone|turned)? (blue|grey|gray|purple)',
    notBefore: '@hypothetical ~3',
    notAfter: '(~2 @past|badge|team|school|class|group|room|house|light|lights|tie|uniform|and white|with (cold|rage|anger))',
  },
  {
    name: 'anaphylaxis-now',
    kinds: ['medical-emergency'],
    phrase:
      '(going into|gone into|having|in|into) (anaphylaxis|anaphylactic shock|an anaphylactic (reaction|shock|attack)|' +
      'an allergic reaction|a bad allergic reaction|a severe allergic reaction|a serious allergic reaction)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'swelling-throat',
    kinds: ['medical-emergency'],
    phrase: '(throat|tongue|airway) (is|s|has)? (swelling|swollen|closing|tight|tightening|gone tight)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'epipen-failed',
    kinds: ['medical-emergency'],
    phrase:
      '(epipen|adrenaline|adrenaline pen|jext|auto injector|inhaler|pump|nebuliser) ~2 (has not|have not|did not|not|is not|does not|are not) (worked|work|working|helped|helping|help)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'asthma-attack-now',
    kinds: ['medical-emergency'],
    phrase: '(is having|having|in the middle of) (an|a)? (bad|severe|serious)? asthma attack',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'collapsed',
    kinds: ['medical-emergency'],
    phrase: '(collapsed|collapsing)',
    notBefore:
      '@hypothetical ~3|(@inanimate|plan|plans|case|deal|tent|tower|roof|shelf|bridge|building|ceiling|wall|business|talks|' +
      'arrangement|arrangements|package|support|scheme|lung) @aux? @aux?',
    notAfter: '~3 (last|ago|in 20|before|previously|once)',
  },
  {
    name: 'bleeding-badly',
    kinds: ['medical-emergency'],
    phrase: 'bleeding ~1 (heavily|loads|a lot|badly|everywhere|lots|so much|really bad|profusely)|bleeding ~3 (will not|not|can not|wont) stop',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'ambulance-now',
    kinds: ['medical-emergency'],
    phrase: '(need|needs|call|calling|called|get|getting|send|waiting for|wait for|ring|ringing|phoned|phone) (an|the|a)? ambulance',
    notBefore: '(@hypothetical|when to|whether|why|they|school|nobody|no one) ~2',
  },
  {
    name: 'dying-now',
    kinds: ['medical-emergency'],
    phrase: '(he|she|son|daughter|child|baby|husband|wife|partner|mum|dad|think (he|she)) (is)? dying',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(to|for|of|laughing|inside|here|lol|haha|with|over)',
  },
];
