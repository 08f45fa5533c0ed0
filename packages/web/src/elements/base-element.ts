import { errorText, languageFor, type TextKey, translate } from '../i18n.js';
import { type Session, sessionFor } from '../session.js';
import { baseStyles } from '../styles.js';

/*
 * What every Latchkey element shares: the attributes `project-id` and `frontend-api`, the
 * page's Session for them, a shadow root with the theme, and texts in the element's language.
 */
export abstract class LatchkeyElement extends HTMLElement {
  static readonly observedAttributes = ['project-id', 'frontend-api', 'lang'];

  protected readonly root: ShadowRoot;
  private connected = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  /** The project, `pro-…` (attribute `project-id`). */
  get projectId(): string {
    return this.getAttribute('project-id') ?? '';
  }

  /** The Frontend API's base URL (attribute `frontend-api`); default this page's origin. */
  get frontendApi(): string {
    return this.getAttribute('frontend-api') || location.origin;
  }

  /** The page's session for this element's project. */
  get session(): Session {
    return sessionFor(this.frontendApi, this.projectId);
  }

  connectedCallback(): void {
    this.connected = true;
    this.start();
  }

  disconnectedCallback(): void {
    this.connected = false;
    this.stop();
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (!this.connected || previous === next) return;
    if (name === 'lang') {
      this.languageChanged();
      return;
    }
    this.stop();
    this.start();
  }

  /** Shows the same state in the new language; by default by starting again. */
  protected languageChanged(): void {
    this.stop();
    this.start();
  }

  /** Sets up (again) after connecting or an attribute change. */
  protected abstract start(): void;
  /** Releases listeners, timers and pending ceremonies. */
  protected abstract stop(): void;

  protected t(key: TextKey, values?: Record<string, string | number>): string {
    return translate(languageFor(this), key, values);
  }

  protected errorText(code: string): string {
    return errorText(languageFor(this), code);
  }

  /** Replaces the shadow content with the theme and `content`. */
  protected show(...content: Node[]): void {
    const style = document.createElement('style');
    style.textContent = baseStyles;
    this.root.replaceChildren(style, ...content);
  }

  /** Dispatches a documented event that crosses the shadow boundary. */
  protected emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
