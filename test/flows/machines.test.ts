/**
 * Table-driven transitions for every pathway machine, run through the flow executor exactly as a bot
 * turn runs them (restore, send one event, persist).
 */
import { sendToFlow, startFlow, startFlowAt, viewFlow, FlowRestoreError, type PersistedFlow } from '../../flows/executor.js';
import type { MachineId } from '../../flows/registry.js';
import type { FlowEvent, FlowInput } from '../../flows/types.js';

function run(machine: MachineId, input: FlowInput, events: FlowEvent[]) {
  let { flow, view } = startFlow(machine, input);
  const states = [view.state];
  for (const event of events) {
    const r = sendToFlow(flow, event);
    flow = r.flow;
    view = r.view;
    states.push(view.state);
  }
  return { flow, view, states };
}

const c = (id: string): FlowEvent => ({ type: `choose.${id}` });
const parentSchool: FlowInput = { profile: { who: 'parent', stage: 'school' } };

describe('intake', () => {
  test.each<[string, FlowInput, FlowEvent[], string]>([
    ['asks who first', { profile: {} }, [], 'who'],
    ['parent then stage', { profile: {} }, [c('parent')], 'stage'],
    ['young person skips the stage question', { profile: {} }, [c('young-person')], 'menu'],
    ['practitioner, early years', { profile: {} }, [c('practitioner'), c('early-years')], 'menu'],
    ['known profile starts at the menu', parentSchool, [], 'menu'],
    ['back from stage', { profile: {} }, [c('parent'), { type: 'BACK' }], 'who'],
    ['change details clears the profile', parentSchool, [c('change-details')], 'who'],
  ])('%s', (_name, input, events, expected) => {
    expect(run('intake', input, events).view.state).toBe(expected);
  });

  test('young person gets the post-16 stage and a handover', () => {
    const { view } = run('intake', { profile: {} }, [c('young-person'), c('adulthood')]);
    expect(view.done).toBe(true);
    expect(view.meta.handover).toBe('adulthood');
    expect(view.context.profile).toEqual({ who: 'young-person', stage: 'post-16' });
  });
});

describe('worried about my child', () => {
  test.each<[string, FlowInput, FlowEvent[], string]>([
    ['first steps for under-fives', { profile: { who: 'parent', stage: 'early-years' } }, [c('first-steps')], 'firstStepsEarlyYears'],
    ['first steps at school', parentSchool, [c('first-steps')], 'firstStepsSchool'],
    ['first steps after 16', { profile: { who: 'young-person', stage: 'post-16' } }, [c('first-steps')], 'firstStepsPost16'],
    ['check at two, then portage', { profile: { who: 'parent', stage: 'early-years' } }, [c('first-steps'), c('progress-check'), c('portage')], 'portage'],
    ['SEN support then what to expect', parentSchool, [c('sen-support'), c('what-to-expect')], 'whatToExpect'],
    ['back from what to expect', parentSchool, [c('sen-support'), c('what-to-expect'), { type: 'BACK' }], 'senSupport'],
    ['advice', parentSchool, [c('advice')], 'advice'],
  ])('%s', (_name, input, events, expected) => {
    expect(run('worried', input, events).view.state).toBe(expected);
  });

  test('offers to move into the EHC request pathway', () => {
    const { view } = run('worried', parentSchool, [c('assessment'), c('start-request')]);
    expect(view.done).toBe(true);
    expect(view.meta.handover).toBe('ehc-request');
  });
});

describe('requesting an EHC needs assessment', () => {
  test('works out the dates from the request date', () => {
    const { view, states } = run('ehc-request', parentSchool, [c('timeline'), c('work-out-dates'), { type: 'DATE', field: 'requestDate', date: '2026-03-03' }]);
    expect(states).toEqual(['start', 'timeline', 'askRequestDate', 'deadlines']);
    expect(view.meta.facts).toBe('ehc-deadlines');
    expect(view.context.dates.requestDate).toBe('2026-03-03');
  });

  test('a known request date skips the question', () => {
    const { view } = run('ehc-request', { ...parentSchool, dates: { requestDate: '2026-03-03' } }, [c('timeline'), c('work-out-dates')]);
    expect(view.state).toBe('deadlines');
  });

  test('a refusal hands over to disagreement with the decision date', () => {
    const { view } = run('ehc-request', parentSchool, [c('refused'), c('decision-date'), { type: 'DATE', field: 'decisionDate', date: '2026-05-01' }]);
    expect(view.done).toBe(true);
    expect(view.meta.handover).toBe('disagreement');
    expect(view.context.dates.decisionDate).toBe('2026-05-01');
  });

  test.each<[string, FlowEvent[], string]>([
    ['how to ask then the letter', [c('how-to-ask'), c('letter')], 'letter'],
    ['who can ask', [c('who-can-ask')], 'whoCanAsk'],
    ['personal budgets', [c('personal-budgets')], 'personalBudgets'],
    ['reviews then phase transfer', [c('reviews'), c('phase-transfer')], 'phaseTransfer'],
    ['a date step ignores choices it does not offer', [c('timeline'), c('work-out-dates'), c('letter')], 'askRequestDate'],
  ])('%s', (_name, events, expected) => {
    expect(run('ehc-request', parentSchool, events).view.state).toBe(expected);
  });
});

describe('disagreement and appeal', () => {
  test('a carried decision date goes straight to the certificate question', () => {
    expect(run('disagreement', { ...parentSchool, dates: { decisionDate: '2026-05-01' } }, []).view.state).toBe('askCertificate');
  });

  test('deadline with a certificate', () => {
    const { view } = run('disagreement', parentSchool, [
      c('deadline'),
      c('work-out-date'),
      { type: 'DATE', field: 'decisionDate', date: '2026-04-14' },
      c('has-certificate'),
      { type: 'DATE', field: 'certificateDate', date: '2026-05-30' },
    ]);
    expect(view.state).toBe('appealDeadline');
    expect(view.context.certificate).toBe('has');
    expect(view.context.dates).toEqual({ decisionDate: '2026-04-14', certificateDate: '2026-05-30' });
  });

  test('school-only appeals need no certificate', () => {
    const { view } = run('disagreement', { ...parentSchool, dates: { decisionDate: '2026-04-14' } }, [c('school-only')]);
    expect(view.state).toBe('appealDeadline');
    expect(view.context.certificate).toBe('not-needed');
  });

  test.each<[string, FlowEvent[], string]>([
    ['first steps', [c('first-steps')], 'firstSteps'],
    ['mediation then certificate', [c('mediation'), c('certificate')], 'mediationCertificate'],
    ['appeal then how it works', [c('appeal'), c('how-it-works')], 'howTribunalWorks'],
    ['complaints then discrimination', [c('complaints'), c('discrimination')], 'discrimination'],
  ])('%s', (_name, events, expected) => {
    expect(run('disagreement', parentSchool, events).view.state).toBe(expected);
  });
});

describe('preparing for adulthood', () => {
  const yp: FlowInput = { profile: { who: 'young-person', stage: 'post-16' } };
  test.each<[string, FlowEvent[], string]>([
    ['year 9 then outcomes', [c('year-9'), c('outcomes')], 'outcomes'],
    ['options then supported internships', [c('options'), c('internships')], 'internships'],
    ['work then Access to Work', [c('work'), c('access-to-work')], 'accessToWork'],
    ['university', [c('university')], 'university'],
    ['adult services: health', [c('adult-services'), c('health')], 'adultHealth'],
    ['adult services: social care', [c('adult-services'), c('social-care')], 'adultCare'],
    ['plans to 25', [c('plan-to-25')], 'planTo25'],
    ['own rights', [c('rights')], 'rights'],
  ])('%s', (_name, events, expected) => {
    expect(run('adulthood', yp, events).view.state).toBe(expected);
  });
});

describe('stored snapshots', () => {
  test('restore continues where it was', () => {
    const { flow } = run('worried', parentSchool, [c('sen-support')]);
    const copy: PersistedFlow = JSON.parse(JSON.stringify(flow));
    expect(viewFlow(copy).state).toBe('senSupport');
    expect(sendToFlow(copy, c('what-to-expect')).view.state).toBe('whatToExpect');
  });

  test('a snapshot of a state that no longer exists is reported, not thrown as uncaught', () => {
    const { flow } = run('worried', parentSchool, []);
    const broken = { ...flow, snapshot: { ...(flow.snapshot as object), value: 'aStateThatWasRemoved' } };
    expect(() => viewFlow(broken)).toThrow(FlowRestoreError);
  });

  test('an older version with no migration is reported as old', () => {
    const { flow } = run('worried', parentSchool, []);
    try {
      viewFlow({ ...flow, version: 0 });
      throw new Error('expected a FlowRestoreError');
    } catch (err) {
      expect(err).toBeInstanceOf(FlowRestoreError);
      expect((err as FlowRestoreError).reason).toBe('old-version');
    }
  });

  test('an unknown machine is reported', () => {
    expect(() => viewFlow({ machine: 'no-such-pathway' as MachineId, version: 1, snapshot: {} })).toThrow(FlowRestoreError);
  });

  test('an event a state does not take changes nothing', () => {
    const { flow } = run('worried', parentSchool, []);
    const r = sendToFlow(flow, c('not-a-choice'));
    expect(r.changed).toBe(false);
    expect(r.view.state).toBe('start');
  });

  test('a pathway can be entered at the state showing a topic', () => {
    const started = startFlowAt('disagreement', 'mediation-certificate', parentSchool);
    expect(started?.view.state).toBe('mediationCertificate');
    expect(startFlowAt('disagreement', 'no-such-topic', parentSchool)).toBeNull();
  });
});
