/** The safeguarding rules for one kind of risk: a medical emergency, happening now. The decisions behind them are in ../rules.ts. */
import { type RuleSpec } from './vocabulary.js';

export const MEDICAL_EMERGENCY: RuleSpec[] = [
  {
    name: 'not-breathing',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(not|stopped|stop|stops|can not|struggling to|struggling|cannot|hardly|barely|unable to) (breathing|breathe|breath)',
    notBefore: '@hypothetical ~3',
    notAfter: '(~2 @past|down|a word|word|lol|haha|for laughing|with laughing|from laughing|exercises)',
  },
  {
    name: 'gasping',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(gasping|fighting) (for)? (breath|air)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'not-moving',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(he|she|they|baby|son|daughter|child|husband|wife|partner|mum|dad|and) (is|are)? not (moving|responding)',
    notBefore: '@hypothetical ~3',
    notAfter: '(on|to|up|forward|school|schools|house|in|out|away|with)',
  },
  {
    name: 'breathing-wrong',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: 'breathing (is|sounds|seems|looks) (really|very|so)? (weird|strange|funny|odd|wrong|shallow|slow|fast|noisy|rattly|gaspy)',
    notBefore: '@hypothetical ~3',
    notAfter: '~2 @past',
  },
  {
    name: 'having-seizure',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(is|are|now|currently|still) having (a|another|an) (seizure|fit|convulsion|tonic clonic)',
    notBefore: '@hypothetical ~3',
    // "having a fit about his homework" is a tantrum.
    notAfter: '(about|over|because|at|when|if|every|each|most|once|twice)',
  },
  {
    name: 'seizure-not-stopping',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase:
      '(seizure|seizures|fit|fits|fitting|seizing|convulsing|convulsion|convulsions) ~3 (will not|can not|does not|is not|has not|have not|not|never|wont) ' +
      '(stop|stopped|stopping|end|ended|ending)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'fitting-now',
    kinds: ['medical-emergency'],
    category: 'medical',
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
    category: 'medical',
    phrase: '(fitting|seizing|convulsing|seizure|fit) (for|over|more than|longer than) (over|more than)? @num (minutes|mins|min|minute)',
    notBefore: '(@hypothetical|lasts|lasting) ~3',
  },
  {
    name: 'unconscious',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase:
      '(is|are|gone|went|now|just|completely|totally|still|lying|found (him|her|them)|been|was|knocked|he|she) (unconscious|unresponsive)|' +
      '(is|are) not responding|knocked (out|unconscious)',
    notBefore: '@hypothetical ~3|@inst @aux? @aux? @aux?',
    notAfter: '(~2 @past|to|bias|biases|mind|with)',
  },
  {
    name: 'cannot-wake',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(can not|cannot|will not|unable to|is not|are not) (wake|waking|woken|rouse) (him|her|them|my|me)? (up)?',
    notBefore: '@hypothetical ~3',
    // "I can't wake him up for school" is about sleep, not an emergency.
    notAfter: '(for|in|on|early|mornings|morning|until|till|at|before|when|so|time|properly on|easily|without)',
  },
  {
    name: 'choking',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(is|are|s|now|started|keeps|he|she|baby|been) choking',
    notBefore: '(@hypothetical|at|about) ~2',
    notAfter: '(risk|risks|hazard|hazards|on (his|her|their|my) words|back|up|me|us|her|him|them|mum|game|games|challenge)',
  },
  {
    name: 'swallowed-poison',
    kinds: ['medical-emergency'],
    category: 'medical',
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
    category: 'self-harm',
    phrase:
      '(taken|took|take|taking|swallowed|ate|eaten|had|necked|downed) ~2 (a|an|the)? (whole|full)? ' +
      '(packet|packets|box|boxes|bottle|bottles|load|loads|handful|lot|lots|pack|strip|strips|tub) of ~2 ' +
      '(pills|tablets|paracetamol|ibuprofen|medicine|medication|meds|painkillers|sleeping pills|antidepressants|melatonin|insulin|capsules)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'turning-blue',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase:
      '(turning|turned|gone|going|went) (blue|purple|grey|gray)|(lips|lip|face|skin|fingers) (is|are|look|looks|have|has) (gone|turned)? (blue|grey|gray|purple)',
    notBefore: '@hypothetical ~3',
    notAfter: '(~2 @past|badge|team|school|class|group|room|house|light|lights|tie|uniform|and white|with (cold|rage|anger))',
  },
  {
    name: 'anaphylaxis-now',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase:
      '(going into|gone into|having|in|into) (anaphylaxis|anaphylactic shock|an anaphylactic (reaction|shock|attack)|' +
      'an allergic reaction|a bad allergic reaction|a severe allergic reaction|a serious allergic reaction)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'swelling-throat',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(throat|tongue|airway) (is|s|has)? (swelling|swollen|closing|tight|tightening|gone tight)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'epipen-failed',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase:
      '(epipen|adrenaline|adrenaline pen|jext|auto injector|inhaler|pump|nebuliser) ~2 (has not|have not|did not|not|is not|does not|are not) (worked|work|working|helped|helping|help)',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'asthma-attack-now',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(is having|having|in the middle of) (an|a)? (bad|severe|serious)? asthma attack',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'collapsed',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(collapsed|collapsing)',
    notBefore:
      '@hypothetical ~3|(@inanimate|plan|plans|case|deal|tent|tower|roof|shelf|bridge|building|ceiling|wall|business|talks|' +
      'arrangement|arrangements|package|support|scheme|lung) @aux? @aux?',
    notAfter: '~3 (last|ago|in 20|before|previously|once)',
  },
  {
    name: 'bleeding-badly',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: 'bleeding ~1 (heavily|loads|a lot|badly|everywhere|lots|so much|really bad|profusely)|bleeding ~3 (will not|not|can not|wont) stop',
    notBefore: '@hypothetical ~3',
  },
  {
    name: 'ambulance-now',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(need|needs|call|calling|called|get|getting|send|waiting for|wait for|ring|ringing|phoned|phone) (an|the|a)? ambulance',
    notBefore: '(@hypothetical|when to|whether|why|they|school|nobody|no one) ~2',
  },
  {
    name: 'dying-now',
    kinds: ['medical-emergency'],
    category: 'medical',
    phrase: '(he|she|son|daughter|child|baby|husband|wife|partner|mum|dad|think (he|she)) (is)? dying',
    notBefore: '@inanimate @aux? @aux? @aux?',
    notAfter: '(to|for|of|laughing|inside|here|lol|haha|with|over)',
  },
];
