/**
 * Shared parts for the web chat tests: a fictional council, a restify server with the web chat channel
 * on 127.0.0.1 and an ephemeral port, and a small scripted bot that answers through the bridge the way
 * the real bot does (text plus suggested actions), so the channel can be tested without the content.
 */
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import { createServer } from '../../bot/server.js';
import { CouncilProfile } from '../../content/schema.js';
import { LocalDirectLine, type BotBridge, type DirectLineActivity, type LocalDirectLineOptions } from '../../adapters/directline/local-directline.js';
import { registerTokenRoute } from '../../adapters/directline/token.route.js';
import { registerWebChatPage, type WebChatPageDeps } from '../../adapters/webchat/page.route.js';

/** Fictional: Ofcom's drama number range and reserved example domains. */
export const testCouncil: CouncilProfile = CouncilProfile.parse({
  id: 'fernvale',
  name: 'Fernvale Borough Council',
  fictional: true,
  localOfferUrl: 'https://localoffer.fernvale.example.org/',
  privacyNoticeUrl: 'https://www.fernvale.example.org/privacy/send-assistant',
  colours: { primary: '#00703c', onPrimary: '#ffffff' },
  helpline: {
    name: 'Fernvale SEND helpline',
    phone: '01632 960 100',
    hours: 'Monday to Friday, 9am to 5pm',
    openingHours: {
      summary: 'Monday to Friday, 9am to 5pm',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '09:00', closes: '17:00' })),
    },
  },
  senTeam: { name: 'Fernvale SEN team', phone: '01632 960 101', email: 'sen@fernvale.example.org' },
  sendiass: { name: 'Fernvale SENDIASS', phone: '01632 960 102' },
  parentCarerForum: { name: 'Fernvale Parent Carer Forum' },
  mediation: { name: 'Fernvale Mediation Service', phone: '01632 960 103' },
  childrensSocialCare: { name: "Fernvale children's social care", phone: '01632 960 104', outOfHoursPhone: '01632 960 105' },
  links: Object.fromEntries(
    [
      'transportPolicy',
      'post16TransportStatement',
      'accessibilityStrategy',
      'shortBreaksStatement',
      'personalBudgetsPolicy',
      'localOfferFeedback',
      'adultCareInformation',
      'complaints',
      'schoolAdmissions',
      'earlyEducationFunding',
    ].map((k) => [k, `https://www.fernvale.example.org/${k}`]),
  ),
});

export const silentLogger = { info() {}, warn() {}, error() {} };

/** The same restify server the assistant uses (body limits, parsers, error handling), with no bot behind it and no routes of its own. */
export function bareServer(maxBodyBytes = 1024): Server {
  return createServer({
    adapter: {} as CloudAdapter,
    logic: async () => {},
    localMode: true,
    maxBodyBytes,
    health: async () => ({ ok: true }),
    logger: silentLogger,
  });
}

export interface ChannelServer {
  server: Server;
  directLine: LocalDirectLine;
  url: string;
  close(): Promise<void>;
}

/** The same restify server the assistant uses (body limits, parsers, error handling), with only the web chat routes on it. */
export async function startChannelServer(options: {
  bridge: BotBridge;
  directLine?: Partial<LocalDirectLineOptions>;
  /** Page options, or a function of the server's address (for a quick exit page on the same server). */
  page?: Partial<WebChatPageDeps> | ((url: string) => Partial<WebChatPageDeps>);
  maxBodyBytes?: number;
}): Promise<ChannelServer> {
  const server = bareServer(options.maxBodyBytes ?? 65_536);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const directLine = new LocalDirectLine({ bridge: options.bridge, ...options.directLine });
  directLine.register(server);
  registerTokenRoute(server, { mode: 'local', directLine });
  registerWebChatPage(server, { council: testCouncil, mode: 'local', ...(typeof options.page === 'function' ? options.page(url) : options.page) });
  return {
    server,
    directLine,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        // Polling clients keep connections alive; close them so the test run can end.
        (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

type Step = { text: string; choices?: string[] };

/**
 * A scripted bot in the shape of the real one: a greeting on conversationUpdate, then a short pathway of
 * questions with choices, a glossary answer for "what does SENCO mean", and "start again".
 */
export function scriptedBot(): { bridge: BotBridge; received: DirectLineActivity[] } {
  const received: DirectLineActivity[] = [];
  const position = new Map<string, number>();
  const steps: Step[] = [
    { text: 'Hello. I can help you find SEND support. Who is asking?', choices: ['Parent or carer', 'Young person (16 to 25)', 'I work with children'] },
    { text: 'How old is your child?', choices: ['Under 5', 'School age', '16 to 25'] },
    { text: 'What would help most?', choices: ['I am worried about my child', 'Asking for an EHC needs assessment', 'A disagreement'] },
    { text: 'Worried about your child. Where would you like to start?', choices: ['First steps', 'SEN support at school'] },
    { text: "First steps: talk to the SENCO at your child's school. Write down what you have noticed.", choices: ['Main menu'] },
  ];
  const say = (step: Step): DirectLineActivity => ({
    type: 'message',
    text: step.text,
    ...(step.choices ? { suggestedActions: { actions: step.choices.map((c) => ({ type: 'imBack', title: c, value: c })) } } : {}),
  });
  const bridge: BotBridge = async (activity) => {
    received.push(activity);
    const id = activity.conversation?.id ?? '';
    if (activity.type === 'conversationUpdate') {
      position.set(id, 0);
      return [say(steps[0]!)];
    }
    if (activity.type !== 'message') return [];
    const text = String(activity.text ?? '')
      .trim()
      .toLowerCase();
    if (text === 'start again') {
      position.set(id, 0);
      return [say(steps[0]!)];
    }
    if (/senco/.test(text) && /mean/.test(text)) {
      return [{ type: 'message', text: 'SENCO means special educational needs co-ordinator. This is the teacher who plans extra help at school.' }];
    }
    const at = Math.min((position.get(id) ?? 0) + 1, steps.length - 1);
    position.set(id, at);
    return [say(steps[at]!)];
  };
  return { bridge, received };
}
