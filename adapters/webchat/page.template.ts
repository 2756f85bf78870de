/**
 * The web chat page as HTML. Every value from the council profile is escaped; nothing here runs script,
 * so the page can be served with a Content-Security-Policy that allows no inline script at all.
 */
import type { CouncilProfile } from '../../content/schema.js';
import type { Theme } from './colours.js';

export interface PageModel {
  council: CouncilProfile;
  theme: Theme;
  mode: 'local' | 'azure';
  quickExitUrl: string;
  /** Paths of the three assets, with a version query so browsers fetch a new copy after an update. */
  assets: { webchat: string; app: string; styles: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function renderPage(model: PageModel): string {
  const { council, theme } = model;
  const e = escapeHtml;
  const name = e(council.name);
  const helpline = council.helpline;
  // Custom properties only: the stylesheet decides where each colour goes.
  const themeStyle = `--primary:${theme.primary};--on-primary:${theme.onPrimary};--accent:${theme.accent};--on-accent:${theme.onAccent}`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Ask about SEND support - ${name}</title>
<link rel="stylesheet" href="${e(model.assets.styles)}">
<script src="${e(model.assets.webchat)}" defer></script>
<script src="${e(model.assets.app)}" defer></script>
</head>
<body style="${themeStyle}">
<a class="skip-link" id="skip-link" href="#chat">Skip to the chat</a>
<header class="site-header">
  <div class="site-header__inner">
    <p class="site-header__council">${name}</p>
    <a class="quick-exit" id="quick-exit" role="button" href="${e(model.quickExitUrl)}" rel="noreferrer">Quick exit<span class="visually-hidden">: leave this page now</span></a>
  </div>
</header>
<main class="page" id="main">
  <h1 class="page__title">Ask about SEND support</h1>
  <div class="intro">
    <p>This chat answers questions about special educational needs and disabilities (SEND). It is for parents and carers, young people aged 16 to 25, and people who work with children.</p>
    <p>Pick an answer or type a question in your own words. The chat gives general information. It cannot give advice about one child.</p>
    <p><strong>Please do not type names, addresses or other personal details.</strong> The privacy notice says how we use what you type.</p>
    <p class="intro__exit-tip">To leave this page fast, select Quick exit or press the Esc key twice.</p>
  </div>
  <div class="toolbar">
    <button class="button button--secondary" id="start-again" type="button">Start again</button>
    <a class="toolbar__link" href="${e(council.privacyNoticeUrl)}">Privacy notice</a>
  </div>
  <section class="chat" id="chat" aria-labelledby="chat-heading" tabindex="-1">
    <h2 class="visually-hidden" id="chat-heading">Chat</h2>
    <div class="chat__window" id="webchat" data-mode="${model.mode}" data-quick-exit-url="${e(model.quickExitUrl)}" data-accent="${theme.accent}" data-on-accent="${theme.onAccent}"></div>
    <div class="chat__problem" id="chat-problem" hidden>
      <p>Sorry, the chat is not working just now. Please try again later.</p>
      <p>You can call the ${e(helpline.name)} on ${e(helpline.phone)} (${e(helpline.hours)}), or visit the <a href="${e(council.localOfferUrl)}">${name} Local Offer website</a>.</p>
    </div>
    <noscript>
      <div class="chat__problem">
        <p>This chat needs JavaScript to work. You can find the same information on the <a href="${e(council.localOfferUrl)}">${name} Local Offer website</a>.</p>
      </div>
    </noscript>
  </section>
</main>
<footer class="site-footer">
  <div class="site-footer__inner">
    <p>To talk to a person, call the ${e(helpline.name)} on ${e(helpline.phone)} (${e(helpline.hours)}).</p>
    <p>If a child is in danger now, call 999.</p>
    <ul class="site-footer__links">
      <li><a href="${e(council.localOfferUrl)}">${name} Local Offer</a></li>
      <li><a href="${e(council.privacyNoticeUrl)}">Privacy notice</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
`;
}
