import { readdirSync } from 'node:fs';
import { assessRisk } from './bot/safeguarding/assess.js';
import { partOf, readOrdinaryMessages, readEvalSet } from './bot/safeguarding/tuning-sets.js';
const dir = 'test/fixtures/understanding/';
for (const part of ['train', 'held-out']) {
  let n = 0, c = 0, p = 0;
  for (const f of readdirSync(dir)) for (const m of readOrdinaryMessages(dir + f)) { if (partOf(m.id) !== part) continue; n++; const l = assessRisk(m.text).level; if (l === 'crisis') c++; else if (l === 'possible') p++; }
  console.log('ordinary', part, { n, c, p });
}
for (const f of ['safeguarding-crises-blind.yaml', 'safeguarding-near-misses-blind.yaml', 'tuning.yaml']) {
  const items = readEvalSet('test/fixtures/safeguarding/' + f).filter((i) => f === 'tuning.yaml' || partOf(i.id) === 'held-out');
  const cr = items.filter((i) => i.expect === 'crisis'), nm = items.filter((i) => i.expect !== 'crisis');
  console.log(f, 'recall', cr.filter((i) => assessRisk(i.text).level === 'crisis').length, '/', cr.length, 'FA', nm.filter((i) => assessRisk(i.text).level === 'crisis').length, '/', nm.length);
}
