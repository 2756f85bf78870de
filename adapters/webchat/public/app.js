/*
 * The web chat page's script (plain ES2019, no build step). It gets a Direct Line token from our own
 * server, then renders Microsoft's Web Chat. Quick exit is wired first, so it works even if the chat
 * cannot start.
 */
(function () {
  'use strict';

  var SESSION_KEY = 'loa-webchat-session';
  var ESCAPE_WINDOW_MS = 1500;

  var container = document.getElementById('webchat');
  var quickExitLink = document.getElementById('quick-exit');
  var startAgainButton = document.getElementById('start-again');
  var skipLink = document.getElementById('skip-link');
  var problem = document.getElementById('chat-problem');

  /** @type {'azure' | 'local'} */
  var mode = container && container.getAttribute('data-mode') === 'azure' ? 'azure' : 'local';
  var quickExitUrl = (container && container.getAttribute('data-quick-exit-url')) || 'https://www.bbc.co.uk/weather';
  var accent = (container && container.getAttribute('data-accent')) || '#1d70b8';
  var onAccent = (container && container.getAttribute('data-on-accent')) || '#ffffff';

  /** @type {WebChatDirectLine | null} */
  var directLine = null;
  /** @type {WebChatStore | null} */
  var store = null;
  var leaving = false;

  function forgetSession() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
      window.localStorage.removeItem(SESSION_KEY);
    } catch {
      // Storage can be switched off; there is then nothing to forget.
    }
  }

  /** @param {Event} [event] */
  function quickExit(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    forgetSession();
    try {
      if (directLine) directLine.end();
    } catch {
      // The connection may already be closed.
    }
    // Blank the screen at once: the neutral site may take a moment to load.
    if (container && container.parentNode) container.parentNode.removeChild(container);
    document.title = 'Weather';
    document.body.innerHTML = '';
    try {
      window.history.replaceState(null, '', '/');
    } catch {
      // Some embedded browsers refuse; location.replace still removes this page from history.
    }
    window.location.replace(quickExitUrl);
  }

  if (quickExitLink) {
    quickExitLink.addEventListener('click', quickExit);
    // The link says it is a button, so Space must work as it does on a button.
    quickExitLink.addEventListener('keydown', function (event) {
      if (event.key === ' ' || event.key === 'Spacebar') quickExit(event);
    });
  }

  var lastEscape = 0;
  window.addEventListener(
    'keydown',
    function (event) {
      if (event.key !== 'Escape' && event.key !== 'Esc') return;
      var now = Date.now();
      if (now - lastEscape <= ESCAPE_WINDOW_MS) {
        quickExit(event);
      } else {
        lastEscape = now;
      }
    },
    true,
  );

  function sendBox() {
    var box = container ? container.querySelector('.webchat__send-box textarea, .webchat__send-box input[type="text"]') : null;
    return box instanceof HTMLElement ? box : null;
  }

  if (skipLink) {
    // Focus moves without a new history entry: Quick exit must leave nothing behind to go back to.
    skipLink.addEventListener('click', function (event) {
      event.preventDefault();
      var target = sendBox() || document.getElementById('chat');
      if (target) target.focus();
    });
  }

  if (startAgainButton) {
    startAgainButton.addEventListener('click', function () {
      if (store) store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'start again' } });
    });
  }

  function showProblem() {
    if (!problem) return;
    problem.hidden = false;
    problem.setAttribute('role', 'alert');
  }

  /** @returns {WebChatSession | null} */
  function readSession() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      if (saved && saved.mode === mode && typeof saved.token === 'string' && typeof saved.conversationId === 'string' && typeof saved.userId === 'string')
        return saved;
    } catch {
      // Unreadable or switched off: start a new conversation.
    }
    return null;
  }

  /** @param {WebChatSession} session */
  function saveSession(session) {
    try {
      window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch {
      // Without storage a reload starts a new conversation, which is fine.
    }
  }

  /**
   * @param {string} url
   * @param {string} [token]
   * @returns {Promise<any>} the parsed JSON body, checked field by field by each caller
   */
  function postJson(url, token) {
    /** @type {Record<string, string>} */
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  /** @param {WebChatSession} session */
  function domainFor(session) {
    return mode === 'local' ? window.location.origin + '/v3/directline' : session.domain || 'https://directline.botframework.com/v3/directline';
  }

  // After a reload (a phone often reloads a tab in the background) carry on in the same conversation.
  /**
   * @param {WebChatSession} saved
   * @returns {Promise<WebChatSession>}
   */
  function resume(saved) {
    return postJson(domainFor(saved) + '/tokens/refresh', saved.token).then(function (refreshed) {
      if (!refreshed || typeof refreshed.token !== 'string' || refreshed.conversationId !== saved.conversationId) throw new Error('refresh refused');
      return { token: refreshed.token, conversationId: saved.conversationId, userId: saved.userId, domain: saved.domain, mode: mode, resumed: true };
    });
  }

  /** @returns {Promise<WebChatSession>} */
  function newSession() {
    return postJson('/api/directline/token').then(function (body) {
      if (!body || typeof body.token !== 'string' || typeof body.userId !== 'string') throw new Error('no token');
      return { token: body.token, conversationId: body.conversationId, userId: body.userId, domain: body.domain, mode: mode, resumed: false };
    });
  }

  function styleOptions() {
    return {
      accent: accent,
      primaryFont: 'Arial, "Helvetica Neue", Helvetica, sans-serif',
      backgroundColor: '#ffffff',
      subtle: '#505a5f',
      timestampColor: '#505a5f',
      rootHeight: '100%',
      rootWidth: '100%',
      bubbleBackground: '#f3f2f1',
      bubbleBorderColor: '#b1b4b6',
      bubbleBorderWidth: 1,
      bubbleBorderRadius: 8,
      bubbleTextColor: '#0b0c0c',
      bubbleFromUserBackground: accent,
      bubbleFromUserBorderColor: accent,
      bubbleFromUserBorderWidth: 1,
      bubbleFromUserBorderRadius: 8,
      bubbleFromUserTextColor: onAccent,
      bubbleMinHeight: 44,
      bubbleMaxWidth: 640,
      hideUploadButton: true,
      hideTelephoneKeypadButton: true,
      sendBoxTextWrap: true,
      sendBoxHeight: 56,
      sendBoxMaxHeight: 200,
      sendBoxTextColor: '#0b0c0c',
      sendBoxPlaceholderColor: '#505a5f',
      sendBoxButtonColor: accent,
      sendBoxButtonColorOnHover: accent,
      sendBoxButtonColorOnFocus: accent,
      sendBoxBorderTop: '2px solid #b1b4b6',
      suggestedActionLayout: 'flow',
      suggestedActionHeight: 44,
      suggestedActionBorderRadius: 6,
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: accent,
      suggestedActionBorderWidth: 2,
      suggestedActionTextColor: accent,
      suggestedActionBackgroundColorOnHover: accent,
      suggestedActionTextColorOnHover: onAccent,
      suggestedActionBorderColorOnHover: accent,
      suggestedActionBackgroundColorOnActive: accent,
      suggestedActionTextColorOnActive: onAccent,
      suggestedActionBackgroundColorOnFocus: '#ffffff',
      suggestedActionTextColorOnFocus: accent,
      suggestedActionKeyboardFocusIndicatorBorderColor: '#0b0c0c',
      suggestedActionKeyboardFocusIndicatorBorderWidth: 3,
      suggestedActionKeyboardFocusIndicatorInset: 3,
      suggestedActionsStackedLayoutButtonTextWrap: true,
      sendBoxButtonKeyboardFocusIndicatorBorderColor: '#0b0c0c',
      sendBoxButtonKeyboardFocusIndicatorBorderWidth: 3,
      transcriptVisualKeyboardIndicatorColor: '#0b0c0c',
      transcriptVisualKeyboardIndicatorWidth: 3,
      transcriptActivityVisualKeyboardIndicatorColor: '#0b0c0c',
      transcriptActivityVisualKeyboardIndicatorWidth: 3,
      transcriptOverlayButtonBackground: accent,
      transcriptOverlayButtonColor: onAccent,
      transcriptOverlayButtonBackgroundOnFocus: accent,
      transcriptOverlayButtonColorOnFocus: onAccent,
      transcriptOverlayButtonBackgroundOnHover: accent,
      transcriptOverlayButtonColorOnHover: onAccent,
      markdownRenderHTML: false,
    };
  }

  /** @param {WebChatSession} session */
  function render(session) {
    var webChat = window.WebChat;
    if (!webChat || !container) return;
    /** @type {WebChatDirectLineOptions} */
    var options = mode === 'local' ? { token: session.token, domain: domainFor(session), webSocket: false } : { token: session.token };
    if (session.resumed) options.conversationId = session.conversationId;
    directLine = webChat.createDirectLine(options);
    store = webChat.createStore({});
    saveSession(session);
    // Direct Line renews the token every 15 minutes; keep the newest one for a reload.
    window.addEventListener('pagehide', function () {
      if (!leaving && directLine && typeof directLine.token === 'string') {
        saveSession({
          token: directLine.token,
          conversationId: directLine.conversationId || session.conversationId,
          userId: session.userId,
          domain: session.domain,
          mode: mode,
        });
      }
    });
    webChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: session.userId,
        username: 'You',
        locale: 'en-GB',
        styleOptions: styleOptions(),
        sendTypingIndicator: false,
      },
      container,
    );
  }

  function start() {
    if (!container) return;
    if (!window.WebChat) {
      showProblem();
      return;
    }
    var saved = readSession();
    var session = saved
      ? resume(saved).catch(function () {
          forgetSession();
          return newSession();
        })
      : newSession();
    session.then(render).catch(showProblem);
  }

  start();
})();
