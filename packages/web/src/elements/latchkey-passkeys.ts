import { h } from '../dom.js';
import { FrontendApiError, type Passkey } from '../frontend-api.js';
import { languageFor } from '../i18n.js';
import { createPasskey, isCancelled, publicKeyOf, signal } from '../webauthn.js';
import { LatchkeyElement } from './base-element.js';

/** base64url of a string's UTF-8 bytes: Latchkey's WebAuthn user handle for a user ID. */
function userHandleOf(userId: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(userId)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * `<latchkey-passkeys project-id frontend-api [rp-id]>`: the signed-in user's passkeys
 * (authenticator name and icon, created, last used, synced or device-bound), adding one and
 * deleting one after a confirmation. Tells the browser's credential manager what the server
 * holds through the WebAuthn Signal API where it exists. Fires `latchkey-passkey-added`
 * and `latchkey-passkey-deleted` ({ id }).
 */
export class LatchkeyPasskeys extends LatchkeyElement {
  static override readonly observedAttributes = [...LatchkeyElement.observedAttributes, 'rp-id'];

  private passkeys: Passkey[] = [];
  private loadedFor = '';
  private rpIdFromOptions = '';
  private readonly onChange = () => {
    if ((this.session.user?.id ?? '') !== this.loadedFor) void this.load();
  };

  protected start(): void {
    this.session.addEventListener('change', this.onChange);
    void this.load();
  }

  protected stop(): void {
    this.session.removeEventListener('change', this.onChange);
  }

  /** The RP ID for the Signal API: attribute `rp-id`, else the one creation options named. */
  private get rpId(): string {
    return this.getAttribute('rp-id') || this.rpIdFromOptions || location.hostname;
  }

  /** Reloads the list from GET /v2/me/passkeys. */
  async load(notice = ''): Promise<void> {
    const user = this.session.user;
    this.loadedFor = user?.id ?? '';
    if (!user) {
      this.passkeys = [];
      this.render(this.t('notSignedIn'));
      return;
    }
    try {
      const token = await this.session.getToken();
      if (!token) return this.render(this.t('notSignedIn'));
      this.passkeys = await this.session.api.passkeys(token);
      this.render('', notice);
      // The server's list is the truth: credential managers may hide the rest.
      const userId = userHandleOf(user.id);
      void signal('signalAllAcceptedCredentials', {
        rpId: this.rpId,
        userId,
        allCredentialIds: this.passkeys.map((passkey) => passkey.credentialID),
      });
      void signal('signalCurrentUserDetails', {
        rpId: this.rpId,
        userId,
        name: user.email || user.phoneNumber || user.identifier,
        displayName: user.name || user.email || user.identifier,
      });
    } catch (error) {
      this.render(this.errorText(error instanceof FrontendApiError ? error.code : 'generic'));
    }
  }

  private formatDate(value: string): string {
    const date = new Date(value);
    if (!value || Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(languageFor(this), { dateStyle: 'medium' }).format(date);
  }

  private render(error = '', notice = ''): void {
    const signedIn = this.session.user !== null;
    const list = h(
      'ul',
      { part: 'list', class: 'passkeys', 'aria-labelledby': 'passkeys-title' },
      ...this.passkeys.map((passkey) => this.item(passkey)),
    );
    this.show(
      h('style', {}, itemStyles),
      h(
        'section',
        { class: 'container', part: 'container', 'aria-labelledby': 'passkeys-title' },
        h('h2', { id: 'passkeys-title', part: 'title', tabindex: '-1' }, this.t('passkeysTitle')),
        signedIn && this.passkeys.length === 0 && !error
          ? h('p', { class: 'muted' }, this.t('noPasskeys'))
          : null,
        this.passkeys.length > 0 ? list : null,
        h('p', { class: 'error', part: 'error', role: 'alert' }, error),
        h('p', { class: 'status', part: 'status', role: 'status' }, notice),
        signedIn &&
          h(
            'button',
            { type: 'button', part: 'button primary add', onclick: () => void this.add() },
            this.t('addPasskey'),
          ),
        h('dialog', { part: 'dialog', 'aria-labelledby': 'confirm-text' }),
      ),
    );
  }

  /**
   * What to call a passkey: the authenticator's name from its AAGUID, else where it was
   * made ("Chrome on Android"), so two passkeys of unknown authenticators can be told apart.
   */
  private nameOf(passkey: Passkey): string {
    if (passkey.aaguidDetails?.name) return passkey.aaguidDetails.name;
    if (passkey.sourceBrowser && passkey.sourceOS) {
      return this.t('passkeyOn', { browser: passkey.sourceBrowser, os: passkey.sourceOS });
    }
    return this.t('passkey');
  }

  private item(passkey: Passkey): HTMLElement {
    const name = this.nameOf(passkey);
    const dark = matchMedia?.('(prefers-color-scheme: dark)').matches;
    const icon = (dark ? passkey.aaguidDetails?.iconDark : passkey.aaguidDetails?.iconLight) ?? '';
    const synced = passkey.backupState;
    const lastUsed = this.formatDate(passkey.lastUsed);
    return h(
      'li',
      { part: 'item', 'data-id': passkey.id },
      icon ? h('img', { src: icon, alt: '', part: 'icon', width: 32, height: 32 }) : keyIcon(),
      h(
        'div',
        { class: 'details' },
        h('span', { class: 'name', part: 'name' }, name),
        h(
          'span',
          { class: 'muted' },
          this.t('created', { date: this.formatDate(passkey.created) }),
          lastUsed ? ` · ${this.t('lastUsed', { date: lastUsed })}` : '',
        ),
        h(
          'span',
          {
            class: 'badge',
            part: synced ? 'badge synced' : 'badge device-bound',
            title: synced ? this.t('syncedHint') : '',
          },
          synced ? this.t('synced') : this.t('deviceBound'),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          part: 'button danger delete',
          'aria-label': this.t('deletePasskeyLabel', { name }),
          onclick: (event: Event) =>
            this.confirmDelete(passkey, event.currentTarget as HTMLElement),
        },
        this.t('deletePasskey'),
      ),
    );
  }

  /** A modal <dialog>: focus moves into it, Escape cancels, focus returns to the opener. */
  private confirmDelete(passkey: Passkey, opener: HTMLElement): void {
    const dialog = this.root.querySelector('dialog');
    if (!dialog) return;
    const name = this.nameOf(passkey);
    const close = () => dialog.close();
    // Cancel, Escape or a confirmed delete: focus goes back where it was, if that still exists.
    dialog.addEventListener('close', () => opener.isConnected && opener.focus(), { once: true });
    const cancel = h(
      'button',
      { type: 'button', class: 'secondary', part: 'button secondary cancel', onclick: close },
      this.t('cancel'),
    );
    dialog.replaceChildren(
      h('p', { id: 'confirm-text' }, this.t('confirmDelete', { name })),
      h(
        'div',
        { class: 'row' },
        cancel,
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            part: 'button danger confirm',
            onclick: () => {
              dialog.close();
              void this.deletePasskey(passkey);
            },
          },
          this.t('confirm'),
        ),
      ),
    );
    dialog.showModal();
    cancel.focus();
  }

  private async deletePasskey(passkey: Passkey): Promise<void> {
    try {
      const token = await this.session.getToken();
      if (!token) return this.render(this.t('notSignedIn'));
      await this.session.api.deletePasskey(token, passkey.id);
      // The credential is gone on the server: its manager may stop offering it.
      void signal('signalUnknownCredential', {
        rpId: this.rpId,
        credentialId: passkey.credentialID,
      });
      this.emit('latchkey-passkey-deleted', { id: passkey.id });
      await this.load(this.t('passkeyDeleted'));
      this.root.querySelector<HTMLElement>('h2')?.focus();
    } catch (error) {
      this.render(this.errorText(error instanceof FrontendApiError ? error.code : 'generic'));
    }
  }

  private async add(): Promise<void> {
    try {
      const token = await this.session.getToken();
      if (!token) return this.render(this.t('notSignedIn'));
      const options = await this.session.api.startPasskeyAppend(token);
      const rp = publicKeyOf(options).rp as { id?: string } | undefined;
      if (rp?.id) this.rpIdFromOptions = rp.id;
      const credential = await createPasskey(options);
      await this.session.api.finishPasskeyAppend(token, credential);
      this.emit('latchkey-passkey-added', {});
      await this.load(this.t('passkeyAdded'));
    } catch (error) {
      const code =
        error instanceof FrontendApiError
          ? error.code
          : error instanceof DOMException && error.name === 'InvalidStateError'
            ? 'passkey_exists'
            : isCancelled(error)
              ? 'cancelled'
              : 'generic';
      this.render(this.errorText(code));
    }
  }
}

/** A key drawn in the text colour, for authenticators without an icon (decorative). */
function keyIcon(): Element {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '32');
  svg.setAttribute('height', '32');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('part', 'icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute(
    'd',
    'M7 14a3 3 0 1 1 0-6 3 3 0 0 1 0 6zm5.65-4A6 6 0 1 0 12.65 14H15v3h3v-3h2v-4z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

const itemStyles = `
ul.passkeys { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: var(--_gap); }
ul.passkeys li {
  display: flex; gap: var(--_gap); align-items: center;
  border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_gap);
}
.details { display: flex; flex-direction: column; gap: 2px; flex: 1; min-width: 0; }
.name { font-weight: 600; }
.badge { font-size: 0.85em; color: var(--_muted); }
svg[part=icon] { flex: none; color: var(--_muted); }
dialog { background: var(--_bg); color: var(--_fg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_gap) * 2); }
dialog::backdrop { background: rgb(0 0 0 / 0.4); }
dialog p { margin-bottom: var(--_gap); }
`;
