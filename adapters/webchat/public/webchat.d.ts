/**
 * Types for the web chat page's script (app.js, checked with tsconfig.webchat.json): the parts of
 * Microsoft's Web Chat bundle it uses, which the bundle puts on window.WebChat.
 */
interface WebChatDirectLine {
  token?: string;
  conversationId?: string;
  end(): void;
}

interface WebChatStore {
  dispatch(action: { type: string; payload?: object }): void;
}

interface WebChatDirectLineOptions {
  token: string;
  domain?: string;
  webSocket?: boolean;
  conversationId?: string;
}

interface WebChatGlobal {
  createDirectLine(options: WebChatDirectLineOptions): WebChatDirectLine;
  createStore(initialState: object): WebChatStore;
  renderWebChat(props: object, element: HTMLElement): void;
}

/** What the page keeps in sessionStorage, so a reload carries on in the same conversation. */
interface WebChatSession {
  token: string;
  conversationId: string;
  userId: string;
  domain?: string;
  mode: 'azure' | 'local';
  resumed?: boolean;
}

interface Window {
  WebChat?: WebChatGlobal;
}
