/**
 * Staff wording is checked like the rest of the content, and the caller's summary always fits the SMS
 * rules, even with every deadline known.
 */
import { Composer } from '../../bot/compose.js';
import { StaffCards } from '../../bot/staff/cards.js';
import type { StaffCall } from '../../bot/staff/call.js';
import { loadConfig } from '../../bot/config.js';
import { gsm7Parts, isGsm7 } from '../../content/gsm7.js';
import { loadContent } from '../../content/store.js';
import { validateContent } from '../../content/validate.js';
import { startFlow } from '../../flows/executor.js';
import { flowContentRefs } from '../../flows/registry.js';

const content = loadContent();

describe('staff wording', () => {
  it('exists for every step of every pathway', () => {
    const steps = flowContentRefs().filter((r) => !r.meta?.handover);
    expect(steps.length).toBeGreaterThan(50);
    for (const ref of steps) expect(content.staffSteps.get(`${ref.machine}.${ref.state}`)?.script).toBeTruthy();
    expect(validateContent(content, { flowRefs: flowContentRefs() }).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('is reported when a step has none', () => {
    const without = { ...content, staffSteps: new Map([...content.staffSteps].filter(([id]) => id !== 'worried.senSupport')) };
    const problems = validateContent(without, { flowRefs: flowContentRefs() });
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', id: 'worried.senSupport', file: 'staff/worried.yaml' }));
  });
});

describe('the summary for the caller', () => {
  it('fits 3 GSM-7 segments with every deadline known, and keeps the case reference and helpline', () => {
    const { flow, view } = startFlow('disagreement', {
      profile: { who: 'parent', stage: 'school' },
      dates: { requestDate: '2026-01-31', decisionDate: '2026-08-31', certificateDate: '2026-10-15' },
    });
    const call: StaffCall = { schema: 1, caseRef: 'LO-ACD-279', openedAt: '2026-12-03T10:00:00Z', flow, taken: [], notes: [] };
    const { text } = new StaffCards(new Composer(content)).summary(call, view);
    expect(isGsm7(text)).toBe(true);
    expect(gsm7Parts(text)).toBeLessThanOrEqual(3);
    expect(text).toContain('LO-ACD-279');
    expect(text).toContain(content.council.helpline.phone);
    // In a call about disagreeing, the appeal deadline comes first and is never dropped: the later of
    // 2 months from 31 August 2026 (31 October) and 1 month from 15 October 2026 (Sunday 15 November),
    // which runs to the next working day, Monday 16 November (HESC Rules r12).
    expect(text).toContain('16 November 2026');
    expect(text).toContain('Disagreeing with a decision or appealing');
  });
});

describe('staff configuration', () => {
  it('takes Entra ID object ids and refuses anything else', () => {
    expect(loadConfig({ STAFF_AAD_OBJECT_IDS: '6b1d2c3e-4f50-4a61-8b72-93a4b5c6d7e8' }).STAFF_AAD_OBJECT_IDS).toHaveLength(1);
    expect(() => loadConfig({ STAFF_AAD_OBJECT_IDS: 'jane@council.gov.uk' })).toThrow(/STAFF_AAD_OBJECT_IDS/);
  });
  it('allows LOCAL_STAFF_MODE only in local mode', () => {
    expect(loadConfig({ LOCAL_STAFF_MODE: 'true' }).LOCAL_STAFF_MODE).toBe(true);
    expect(() => loadConfig({ LOCAL_STAFF_MODE: 'true', MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' })).toThrow(/LOCAL_STAFF_MODE/);
  });
  it('needs both template ids with a Notify key', () => {
    expect(() => loadConfig({ NOTIFY_API_KEY: 'key' })).toThrow(/NOTIFY_SMS_TEMPLATE_ID/);
  });
});
