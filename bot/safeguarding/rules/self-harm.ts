/** The safeguarding rules for one kind of risk: self-harm and suicidal feelings. The decisions behind them are in ../rules.ts. */
import { carerOr, GOODBYE_WORDS, personNamed, SHORT_MESSAGE, type RuleSpec } from './vocabulary.js';

export const SELF_HARM: RuleSpec[] = [
  {
    name: 'wants-to-die',
    kinds: ['self-harm'],
    category: carerOr('suicide'),
    // "going to die" is left out: "I'm going to die of embarrassment" is far more common.
    phrase: '(want|wants|wanted|wanting|ready|deserve|deserves|like|trying|tried|try|plan|planning|hoping|hope|wish) to (die|be dead)',
    // "I want to die my hair pink".
    notAfter: '(for|laughing|(my|his|her|their|your|the|some)? (hair|clothes|shirt|shirts|top|tops|trousers|jeans|uniform|shoes|fabric|wool|eggs|hoodie))',
  },
  {
    name: 'wish-dead',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(wish|wishes|wished|wishing) (that)? (i|he|she) (was|were|could|would|had|did)? (just)? (dead|die|died|never born|never been born|not alive|not here|gone)',
  },
  {
    name: 'kill-oneself',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(kill|kills|killed|murder|hang|hanging|hanged|hung|drown|poison|strangle|suffocate|shoot|stab|unalive|unaliving|overdosing) @refl',
    // "nearly killed myself laughing", "shot myself in the foot", "drowning myself in paperwork".
    notAfter: '(laughing|in the foot|(in|with) (work|paperwork|coffee|tea|wine|chocolate|emails|forms|admin))',
  },
  {
    name: 'killing-oneself',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: 'killing @refl',
    notAfter: '(laughing|in the foot|to (get|make|keep|pay|finish))',
    // "I'm killing myself working two jobs" is overwork, not a disclosure.
    notAfterPattern: /^(?!(?:no|some|any|every)thing |evening |morning |thing )[a-z]+ing /,
  },
  {
    name: 'end-life',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(end|ends|ending|ended|take|taking|took|taken) (my|his|her|their|your) own? life',
    notBefore: '@inanimate @aux? @aux? @aux?',
    // "take his own life skills course".
    notAfter:
      '(skills|story|stories|experience|experiences|choices|decisions|journey|goals|plan|plans|insurance|lessons|coach|coaching|into (his|her|my|their) own hands)',
  },
  {
    name: 'unalive',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(unalive|unaliving|unalived|unalives)',
  },
  {
    name: 'end-it-all',
    kinds: ['risk-to-life', 'self-harm'],
    category: 'suicide',
    phrase: '(end|ending|ended) (it all|everything)',
    notAfter: '(with|between) (the|this|my|our|them|him|her)',
  },
  {
    name: 'end-it-now',
    kinds: ['self-harm'],
    category: 'suicide',
    // "end it" alone is too common ("end it with him"); with a time, or closing the sentence, it is not.
    phrase: '(end|ending) it (tonight|now|today|soon)|(going to|want to|will|about to|ready to|planning to|gonna) end it $',
    notAfter: '(with|between)',
  },
  {
    name: 'giving-up-on-life',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(give|giving|given|gave) up on (life|living)|(want|wants|wanna) to disappear (forever|for good|and never come back)',
  },
  {
    name: 'stockpiling-pills',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(pills|tablets|meds|paracetamol|painkillers) (saved|stockpiled|hidden|stashed|hoarded) (up)?|' +
      '(saving|saved|stockpiling|stashing|hoarding) (up)? (my|his|her|their)? (pills|tablets|meds|paracetamol|painkillers)',
  },
  {
    name: 'took-many-tablets',
    kinds: ['self-harm', 'medical-emergency'],
    category: 'self-harm',
    // Ten or more: "he took 2 paracetamol for his headache" is ordinary.
    phrase:
      '(took|taken|swallowed|had|ate|eaten|necked|downed) (like|about|over|around)? @bignum (of)? (his|her|my|the|mums|dads)? (paracetamol|pills|tablets|painkillers|ibuprofen|sleeping pills|antidepressants|meds|capsules)',
  },
  {
    name: 'life-not-worth-living',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: 'life (is|s)? (not|no longer|never) worth (living|it|carrying on)',
  },
  {
    name: 'keeps-cutting',
    kinds: ['self-harm'],
    category: 'self-harm',
    phrase: '(i|he|she|they) (keep|keeps|kept|been|started|start|is|am|are|was) cutting (again|$)|started cutting again',
  },
  {
    name: 'suicide-act',
    kinds: ['self-harm'],
    category: 'suicide',
    // Verbs that disclose on their own: attempts, plans and thoughts.
    phrase:
      '(attempted|attempt|attempts|tried|trying|commit|committing|committed|considering|contemplating|planning|' +
      '(think|thinks|thinking|thought|thoughts|talks|talking|talked|talk|says|said|mentioned|mentions|googling|researching) (about|of)) ' +
      '(suicide|killing @refl|ending (it|my life|his life|her life|their life)|self harm|self harming|hurting @refl|unaliving @refl?)',
  },
  {
    name: 'suicide-words',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(suicide|suicidal|self harm|self harming|self harms|self harmed|self harmer|self harmers|' + 'self injury|self injuring|self injure|self injures)',
    // Information-seeking with nobody named, or framed as policy or training, is not a disclosure.
    notBefore: '@frame (on|about|for|around|regarding|covering|in|of)? ~1',
    notAfter: '~1 @frame',
    when: (ctx) => personNamed(ctx) || ctx.count <= SHORT_MESSAGE,
  },
  {
    name: 'self-harm-disclosed',
    kinds: ['self-harm'],
    category: 'self-harm',
    // "had really bad sh urges last night" names nobody but is plainly about the writer.
    phrase: '(suicidal|self harm|self harming) (thoughts|feelings|urges|urge|scars|scar|cuts|marks|relapse|ideation|again)',
    notAfter: '~1 @frame',
  },
  {
    name: 'harming-oneself',
    kinds: ['self-harm'],
    category: 'self-harm',
    phrase:
      '(cutting|cut|cuts|burning|burn|burns|burnt|burned|hurting|hurt|hurts|harming|harm|harms|harmed|' +
      'starving|starve|starves|punishing|strangling|scratching) @refl',
    notAfter: '(@sportsOrAccident|(on|in) (a|the|his|her|my) |when (he|she|i) fell|badly|by mistake)',
  },
  {
    name: 'cutting-body',
    kinds: ['self-harm'],
    category: 'self-harm',
    phrase: '(cutting|cuts|cut|slashing|slashed) (my|his|her|their) (arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|skin|body)',
    notAfter: '@sportsOrAccident',
  },
  {
    name: 'scratching-till-bleeds',
    kinds: ['self-harm'],
    category: 'self-harm',
    phrase:
      '(scratching|scratches|scratched|picking|digging) (my|his|her|their|at) ~1 (arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|face) ~3 (bleed|bleeds|bleeding|blood)',
  },
  {
    name: 'overdose-intent',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(going to|want to|wanting to|trying to|tried to|try to|planning to|plan to|thinking of|thinking about|about to|will|might) (take|do|have)? (an|a)? (overdose|overdosing|overdosed)',
  },
  {
    name: 'overdose-taken',
    kinds: ['self-harm', 'medical-emergency'],
    category: 'self-harm',
    phrase: '(taken|took|take|taking|had|done|has|just) (an|a) overdose|(i|he|she|they|has|have|had|just|nearly|almost|am|is|are|been) (overdosed|overdosing)',
    notBefore: '@hypothetical ~2',
  },
  {
    name: 'not-want-to-live',
    kinds: ['self-harm'],
    category: carerOr('suicide'),
    phrase: 'not (want|wanting|wants) to (live|be alive|exist|be on this earth|be in this world)',
    notAfter:
      '(in|at|with|near|on|there|here|by|independently|alone|away|far|nearby|somewhere|together|apart|like (that|them)|' +
      'at home|without (his|her|my|a|the))',
  },
  {
    name: 'not-want-to-be-here',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: 'not (want|wanting|wants) to be here (anymore|no more|no longer|any longer|ever again)',
  },
  {
    name: 'no-point-living',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(no|nothing|what is the|whats the|not any|there is no) point (in|of|to)? (living|life|being alive|being here|going on|carrying on|existing|me being here)|' +
      'no reason to (live|go on|carry on|be alive|be here|keep going)',
    notAfter: '(with|to|at|in) ',
  },
  {
    name: 'take-all-pills',
    kinds: ['self-harm'],
    category: 'suicide',
    // Intent, not routine medicine: "he took all his tablets today" is good news.
    phrase:
      '(going to|want to|will|might|about to|thinking of|thinking about|planning to|could) (take|swallow|neck) all (of)? (my|his|her|the|mums|dads|their)? ' +
      '(pills|tablets|meds|medication|medicine|paracetamol|painkillers)',
  },
  {
    name: 'took-all-pills-at-once',
    kinds: ['self-harm', 'medical-emergency'],
    category: 'self-harm',
    phrase:
      '(took|taken|swallowed|necked|had) all (of)? (my|his|her|the|mums|dads|their)? (pills|tablets|meds|medication|medicine|paracetamol|painkillers) (at once|in one go|together)',
  },
  {
    name: 'cannot-go-on',
    kinds: ['self-harm'],
    // Despair told now: an idiom beside it ("I'm losing my mind", "my head is exploding") does not soften it.
    firm: true,
    category: carerOr('suicide'),
    // Only "I": "we can't go on like this" is usually about the wait for a school place.
    phrase: 'i (just|really|honestly|seriously|literally|actually|simply|feel like i|feel i)? can not (go on|carry on|keep going)',
    notAfter:
      '(a|the|an|holiday|holidays|trip|trips|school|bus|train|his|her|their|my|our|your|with (the|a|an|his|her|this|my)|to|at|for|in|' +
      'until|till|without|like that|website|site|line|online|computer|phone|course|waiting|fighting)',
  },
  {
    name: 'nobody-cares-if-die',
    kinds: ['self-harm'],
    // Despair told now: an idiom beside it ("I'm losing my mind", "my head is exploding") does not soften it.
    firm: true,
    category: 'suicide',
    phrase:
      '(nobody|everyone|people|anyone|no one) ~3 (care|cares|cared|notice|noticed|miss|mind) ~1 (if|when) ~2 (die|died|dead|gone|killed @refl|not here|never born)',
  },
  {
    name: 'better-off-dead',
    kinds: ['self-harm'],
    category: carerOr('suicide'),
    phrase: 'better off (dead|without me|if i (was|were|am) (dead|gone|not here|never born)|if i (died|did not exist))',
  },
  {
    name: 'never-wake-up',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(sleep|sleeping) (and|then) (never|not) (wake|waking|woke)|(hope|hoping|wish) (i|he|she) (never|do not|does not|will not) wake up|' +
      // "gonna go to sleep forever"; "I could sleep forever" is only tired.
      '(going to|gonna|want to|wanna|ready to|about to|just want to) (go to)? sleep forever',
  },
  {
    name: 'might-as-well-be-dead',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(might|may) as wel (be dead|die|kil myself|not be here|not exist|end it al|end my life)',
  },
  {
    name: 'tired-of-existing',
    kinds: ['self-harm'],
    category: 'suicide',
    // "tired of living in this flat" is about the flat, so living is left out.
    phrase: '(tired|sick|exhausted|so tired) of (existing|being alive)',
  },
  {
    name: 'nobody-will-worry-about-me',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(nobody|no one|noone|no1) (will|is going to|gonna) (have to|need to|ever have to) (worry about|deal with|put up with|look after) me (soon|anymore|any more|again|after tonight|much longer|for much longer)',
  },
  {
    name: 'done-with-life',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: 'done with (life|living|being alive|existing)',
  },
  // Goodbyes: a note, a letter or a last message, "it's time", "won't be a burden much longer". Said
  // in passing, often with no word of dying in them, and each a plan already made (`firm`: no calming
  // context softens them). A note for a teacher, goodbye cards for a class or "it's time for bed" are not.
  {
    name: 'goodbye-note',
    kinds: ['self-harm'],
    category: 'suicide',
    firm: true,
    phrase:
      '(suicide|goodbye|farewell) (note|notes|letter|letters|message|messages|video|videos|texts)|' +
      // A note or letter that says sorry, goodbye or "I love you": "found a note in his room saying sorry and that he loves us".
      '(note|notes|letter|letters) ~8 @farewell|' +
      '(sorry|goodbye|bye) ~2 (on|in) (a|the|my|his|her) (note|letter)|' +
      // "she has written letters to each of us".
      '(written|wrote|writing|left|leaving) (letters|notes|a letter|a note) (to|for) (each|al|every one) of (us|them|you)|' +
      // "i wrote my note already", "note done": the note closing the sentence.
      '(wrote|written|write|writing|finished|done|left|did) my (note|notes) (already|now|today|tonight|last night)? $',
    // "signs such as goodbye notes", "goodbye cards for her class", "a goodbye letter to his TA".
    notBefore: '(signs|sign|warning|such as|like|about|spot|spotting|or|@frame) ~3',
    notAfter: '(to|for) (his|her|my|the|our|their)? (ta|teacher|teachers|class|classmates|staff|school|nursery|senco|team|leavers|tutor|form)',
  },
  {
    name: 'sorry-for-everything',
    kinds: ['self-harm'],
    category: 'suicide',
    // Closing a sentence, or before a goodbye; not "sorry for everything I said to my support worker".
    phrase: 'sorry (for|4) (everything|evrything|it al) ($|x|goodbye|bye|i love|love you)',
  },
  {
    name: 'its-time-goodbye',
    kinds: ['self-harm'],
    category: 'suicide',
    firm: true,
    // "wrote my note. its time", "tonight's the night": with a goodbye, a note or a means in the message.
    phrase:
      'it is (now)? (the)? (nearly|almost)? time (now)? $|(tonight is|today is|tonights|todays) the (night|day) !(of|for|we|he|she|they|when|that the|my|his|her)',
    when: (ctx) => [...GOODBYE_WORDS].some((w) => ctx.words.has(w)),
  },
  {
    name: 'if-anyone-reads-this',
    kinds: ['self-harm'],
    category: 'suicide',
    firm: true,
    // "in case anyone reads this, im sorry", "by the time you read this I will be gone"; not "if anyone
    // reads this and can help, sorry it's long".
    phrase:
      '(if|when|in case|incase|by the time|once) (anyone|anybody|someone|somebody|you|my (mum|mom|dad|family|parents|sister|brother)|people|they) ' +
      '(reads|read|finds|find|sees|see|gets|get) (this|my (note|letter|message|messages|notes|letters)|these) ~3 ' +
      '(@farewell|i (wil|am|wil have) (be)? (gone|dead|not be here|not be alive|not be around|done it))',
  },
  {
    name: 'not-a-burden-much-longer',
    kinds: ['self-harm'],
    category: 'suicide',
    firm: true,
    phrase:
      'i (wil not|am not going to|am not gonna|wont) be (a|an)? (problem|burden|bother|nuisance|pain|trouble|worry) (to|for|on)? ~3 (much longer|for much longer|any longer|for long|after (tonight|today|this week|friday))|' +
      '(he|she|they) (wil not|is not going to|are not going to|wont) be (a|an)? burden (to|for|on)? ~3 (much longer|for much longer|any longer|for long|soon|after (tonight|today))|' +
      'i (wil not|am not going to|am not gonna|wont) be (around|here|alive) (much longer|for much longer|any longer|after (tonight|today|this week))|' +
      // "he says we won't have to worry about him for much longer".
      '(we|you|they|mum|dad|everyone|my family|his family|her family) (wil not|wont|do not|are not going to) (have to|need to) (worry about|deal with|look after|put up with) (me|him|her) (for)? (much longer|for much longer|any longer|soon|after (tonight|today))',
    // "I won't be a problem for much longer, I've nearly finished the application".
    notAfter:
      '(today|this (morning|afternoon|evening)|at (work|the office|home)|~4 (finished|finish|application|form|forms|paperwork|moving|moves|leaving|leaves|move|starts|starting|' +
      'nearly done|sorted|job|college|course|placement|supported living|residential|university|uni|holiday))',
  },
  {
    name: 'funeral-planned',
    kinds: ['self-harm'],
    category: 'suicide',
    // "I've planned my funeral", "made a playlist for my funeral": not firm, so "lol" beside it may soften it.
    phrase: '(planned|planning|plan|made|making|chosen|chose|picked|picking|written|wrote|sorted) ~3 (for|at|of)? my (own)? funeral',
    notAfter: '(outfit|outfits|clothes|dress|suit|shoes|hat)',
  },
  {
    name: 'better-when-gone',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase: '(better|easier|happier) (off)? (when|if|once|after) (i am|i) (gone|not around|not here|dead|no longer here|out of the way)',
    notAfter: '(the house|so much|as much|at home|in the day|during|for|on|at|to|when|from)',
  },
  {
    name: 'cannot-face-another-day',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(i|bye everyone)? (can not|could not) (do|face|take|handle|survive|live) (another|one more) (day|night) ($|alive|living|of (living|life|being alive))',
  },
  {
    name: 'jump-from-height',
    kinds: ['self-harm'],
    category: 'suicide',
    phrase:
      '(jump|jumping|jumped|throw @refl|throwing @refl) (off|of|from) (a|the|that)? ~2 (bridge|building|roof|cliff|car park|multi storey|multistorey|tower|balcony|window)|' +
      '(jump|jumping|jumped|throw @refl|throwing @refl|step|stepping|lie|lying) (in front of|infront of|under) (a|the)? (train|trains|bus|lorry|car|cars|traffic)',
  },
];
