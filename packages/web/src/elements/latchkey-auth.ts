import { h, uid } from '../dom.js';
import {
  type BlockBody,
  type BlockError,
  clientInformation,
  FrontendApiError,
  type ProcessResponse,
} from '../frontend-api.js';
import type { TextKey } from '../i18n.js';
import { createPasskey, getPasskey, hasWebauthn, isCancelled } from '../webauthn.js';
import { LatchkeyElement } from './base-element.js';

/** `detail` of `latchkey-signed-in`. */
export interface SignedInDetail {
  sessionToken: string;
  user: import('../session.js').SessionUser | null;
}

/** Process errors after which only a new process helps. */
const restartCodes = new Set(['PROCESS_EXPIRED', 'PROCESS_NOT_FOUND', 'PROCESS_FINISHED']);
/** The heading of each block. */
const blockTitles: Record<string, TextKey> = {
  'signup-init': 'signupTitle',
  'login-init': 'loginTitle',
  'passkey-verify': 'passkeyVerifyTitle',
  'passkey-append': 'passkeyAppendTitle',
  'passkey-appended': 'passkeyAppendedTitle',
  'email-verify': 'emailVerifyTitle',
  'phone-verify': 'phoneVerifyTitle',
  completed: 'completedTitle',
};
/** How often the device waiting for an email link asks whether it was opened. */
const linkPollMs = 3000;

type Render = (block: BlockBody) => Node[];

/**
 * `<latchkey-auth project-id="pro-…" frontend-api="https://…" mode="login|signup">`: sign-up
 * and login in one element, driven by the blocks of the Frontend API's process
 * (docs/process-flows.md). Reflects the current block in its `block` attribute and fires
 * `latchkey-block`, `latchkey-error` and, at the end, `latchkey-signed-in`.
 */
export class LatchkeyAuth extends LatchkeyElement {
  static override readonly observedAttributes = [
    ...LatchkeyElement.observedAttributes,
    'mode',
    'autofill',
    'email-link',
  ];

  private token = '';
  private block: BlockBody | undefined;
  /** Bumped by stop(): answers of an older run are dropped. */
  private generation = 0;
  private busy = false;
  /** The pending WebAuthn request (autofill or modal), aborted when the block changes. */
  private ceremony: AbortController | undefined;
  /** The last conditional request, settled (resolved or failed). */
  private conditionalSettled: Promise<void> = Promise.resolve();
  private timers: Array<ReturnType<typeof setTimeout>> = [];
  private notice = '';
  private autoStarted = '';
  /** Signed out elsewhere on the page: offer a new login (not `mode`: they have an account). */
  private readonly onSessionChange = () => {
    if (this.block?.block === 'completed' && !this.session.user) void this.begin('login-init');
  };
  private readonly renderers: Record<string, Render> = {
    'signup-init': (block) => this.renderSignupInit(block),
    'login-init': (block) => this.renderLoginInit(block),
    'passkey-verify': (block) => this.renderPasskeyVerify(block),
    'passkey-append': (block) => this.renderPasskeyAppend(block),
    'passkey-appended': () => this.renderPasskeyAppended(),
    'email-verify': (block) => this.renderVerify(block),
    'phone-verify': (block) => this.renderVerify(block),
    completed: () => this.renderCompleted(),
  };

  protected start(): void {
    this.session.addEventListener('change', this.onSessionChange);
    const params = new URLSearchParams(location.search);
    const challengeId = params.get('challengeID');
    const code = params.get('code');
    if (challengeId && code && this.getAttribute('email-link') !== 'off') {
      void this.openEmailLink(challengeId, code);
    } else {
      void this.begin();
    }
  }

  /**
   * The page was opened from an email link (`?challengeID=…&code=…`, the project's
   * `emailLinkUrl`): verifies it for the device that waits for it. The parameters leave the
   * address bar, so a reload does not send the used code again.
   */
  private async openEmailLink(challengeId: string, code: string): Promise<void> {
    const run = this.generation;
    const url = new URL(location.href);
    url.searchParams.delete('challengeID');
    url.searchParams.delete('code');
    history.replaceState(history.state, '', url);
    this.showWorking();
    try {
      const response = await this.session.api.verifyEmailLink(challengeId, code);
      if (run === this.generation) this.enter(response);
    } catch (error) {
      if (run === this.generation) this.showFatal(error);
    }
  }

  protected stop(): void {
    this.generation += 1;
    this.session.removeEventListener('change', this.onSessionChange);
    this.cancelPending();
  }

  /** A new language keeps the process where it is: the block is drawn again. */
  protected override languageChanged(): void {
    const block = this.block;
    if (!block) return;
    this.cancelPending();
    const render = this.renderers[block.block];
    this.show(this.frame(block, render ? render(block) : []));
  }

  /** The block the process is on ('' before the first answer). */
  get currentBlock(): string {
    return this.block?.block ?? '';
  }

  private cancelPending(): void {
    this.ceremony?.abort();
    this.ceremony = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** Starts a new process on the block `mode` asks for. */
  private async begin(preferred?: 'signup-init' | 'login-init'): Promise<void> {
    const run = this.generation;
    const preferredBlock =
      preferred ?? (this.getAttribute('mode') === 'signup' ? 'signup-init' : 'login-init');
    this.showWorking();
    try {
      const init = await this.session.api.initProcess({
        clientInformation: await clientInformation(),
        preferredBlock,
      });
      if (run !== this.generation) return;
      this.token = init.token;
      this.enter(init.processResponse);
    } catch (error) {
      if (run === this.generation) this.showFatal(error);
    }
  }

  /** Runs one process step and shows the block it answers. */
  private async step(path: string, body?: unknown): Promise<void> {
    if (this.busy) return;
    const run = this.generation;
    this.busy = true;
    this.setBusy(true);
    try {
      const response = await this.session.api.step(this.token, path, body);
      if (run !== this.generation) return;
      this.enter(response);
    } catch (error) {
      if (run !== this.generation) return;
      if (error instanceof FrontendApiError && restartCodes.has(error.code)) {
        this.notice = this.errorText('PROCESS_EXPIRED');
        this.busy = false;
        await this.begin(this.block?.authType === 'signup' ? 'signup-init' : 'login-init');
        return;
      }
      this.reportError(error instanceof FrontendApiError ? error.code : 'generic');
    } finally {
      if (run === this.generation) {
        this.busy = false;
        this.setBusy(false);
      }
    }
  }

  private enter(response: ProcessResponse): void {
    const block = response.blockBody;
    const previous = this.block;
    const changed = previous?.block !== block.block;
    this.cancelPending();
    this.block = block;
    this.setAttribute('block', block.block);
    const render = this.renderers[block.block];
    const content = render ? render(block) : [h('p', {}, this.errorText('unsupported'))];
    this.show(this.frame(block, content));
    this.focusAfterRender(changed);
    if (changed) this.emit('latchkey-block', { block: block.block, authType: block.authType });
    const error = block.error;
    if (error) this.emit('latchkey-error', { code: error.code, message: error.message });
    if (block.block === 'completed') this.complete(block);
  }

  /** The frame around a block: heading, the block, a polite live region for notices. */
  private frame(block: BlockBody, content: Node[]): HTMLElement {
    const notice = this.notice;
    this.notice = '';
    return h(
      'div',
      { class: 'container', part: 'container', 'aria-busy': 'false' },
      h('h2', { part: 'title', tabindex: '-1' }, this.titleOf(block)),
      ...content,
      h('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite' }, notice),
    );
  }

  private titleOf(block: BlockBody): string {
    const key = blockTitles[block.block];
    return key ? this.t(key) : '';
  }

  /**
   * Focus follows the flow: an invalid field first, else on a new block its first field (or
   * its heading, so screen readers announce the new step).
   */
  private focusAfterRender(changed: boolean): void {
    const invalid = this.root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    if (!changed) return;
    const target =
      this.root.querySelector<HTMLElement>('input:not([type=hidden])') ??
      this.root.querySelector<HTMLElement>('h2');
    target?.focus();
  }

  // --- fields and errors -----------------------------------------------------------------

  /**
   * A labelled input with its error right after it, wired with aria-describedby and
   * aria-invalid; the error is a live region so it is read out when it appears.
   */
  private field(options: {
    name: string;
    label: string;
    type?: string;
    autocomplete: string;
    value?: string;
    error?: BlockError | undefined;
    hint?: string;
    extra?: Record<string, unknown>;
  }): HTMLElement {
    const id = uid(options.name);
    const errorId = `${id}-error`;
    const hintId = `${id}-hint`;
    const describedBy = [options.hint ? hintId : '', errorId].filter(Boolean).join(' ');
    return h(
      'div',
      { class: 'field', part: 'field' },
      h('label', { for: id, part: 'label' }, options.label),
      h('input', {
        id,
        name: options.name,
        type: options.type ?? 'text',
        autocomplete: options.autocomplete,
        value: options.value ?? '',
        required: true,
        part: 'input',
        'aria-describedby': describedBy,
        'aria-invalid': options.error ? 'true' : 'false',
        ...options.extra,
      }),
      options.hint && h('p', { id: hintId, class: 'muted', part: 'hint' }, options.hint),
      h(
        'p',
        { id: errorId, class: 'error', part: 'error', 'aria-live': 'assertive' },
        options.error ? this.errorText(options.error.code) : '',
      ),
    );
  }

  /** An error about the block as a whole (or a ceremony), announced at once. */
  private blockError(error: BlockError | undefined): HTMLElement {
    return h(
      'p',
      { class: 'error', part: 'error', role: 'alert' },
      error ? this.errorText(error.code) : '',
    );
  }

  private reportError(code: string): void {
    const target = this.root.querySelector<HTMLElement>('[role=alert]');
    if (target) target.textContent = this.errorText(code);
    this.emit('latchkey-error', { code, message: this.errorText(code) });
  }

  private button(
    label: string,
    onclick: () => void,
    options: { variant?: 'secondary' | 'link' | ''; type?: 'submit' | 'button' } = {},
  ): HTMLButtonElement {
    const variant = options.variant ?? '';
    return h(
      'button',
      {
        type: options.type ?? 'button',
        class: variant,
        part: variant ? `button ${variant}` : 'button primary',
        onclick: options.type === 'submit' ? undefined : onclick,
      },
      label,
    );
  }

  private form(onsubmit: (data: FormData) => void, ...children: Node[]): HTMLFormElement {
    return h(
      'form',
      {
        part: 'form',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          onsubmit(new FormData(event.target as HTMLFormElement));
        },
      },
      ...children,
    );
  }

  // --- blocks ----------------------------------------------------------------------------

  private renderSignupInit(block: BlockBody): Node[] {
    const identifiers =
      (block.data.identifiers as
        | Array<{ type: string; identifier: string; error?: BlockError }>
        | undefined) ?? [];
    const fullName = block.data.fullName as { fullName: string; error?: BlockError } | undefined;
    const fields = identifiers.map((item) => this.identifierField(item.type, item, item.error));
    return [
      this.form(
        (data) =>
          void this.step('/signup/init', {
            ...(fullName && { fullName: String(data.get('fullName') ?? '') }),
            identifiers: identifiers.map((item) => ({
              type: item.type,
              identifier: String(data.get(item.type) ?? '').trim(),
            })),
          }),
        ...(fullName
          ? [
              this.field({
                name: 'fullName',
                label: this.t('fullName'),
                autocomplete: 'name',
                value: fullName.fullName,
                error: fullName.error,
              }),
            ]
          : []),
        ...fields,
        this.blockError(block.error),
        this.button(this.t('continue'), () => {}, { type: 'submit' }),
      ),
      h(
        'p',
        { class: 'row muted' },
        this.t('haveAccount'),
        this.button(this.t('toLogin'), () => void this.switchTo('login-init'), {
          variant: 'link',
        }),
      ),
    ];
  }

  private identifierField(
    type: string,
    item: { identifier: string },
    error: BlockError | undefined,
    autocomplete?: string,
  ): HTMLElement {
    const kinds: Record<string, { label: string; type: string; autocomplete: string }> = {
      email: { label: this.t('email'), type: 'email', autocomplete: 'email' },
      phone: { label: this.t('phone'), type: 'tel', autocomplete: 'tel' },
      username: { label: this.t('username'), type: 'text', autocomplete: 'username' },
    };
    const kind = kinds[type] ?? kinds.email!;
    // The login field takes `username webauthn` (HTML autofill: a username-type token), which
    // is valid on text inputs only; the keyboard still comes from inputmode.
    const login = autocomplete !== undefined;
    return this.field({
      name: type,
      label: kind.label,
      type: login && kind.type === 'email' ? 'text' : kind.type,
      autocomplete: autocomplete ?? kind.autocomplete,
      value: item.identifier,
      error,
      extra: {
        spellcheck: 'false',
        autocapitalize: 'none',
        ...(login && kind.type === 'email' && { inputmode: 'email' }),
      },
    });
  }

  private renderLoginInit(block: BlockBody): Node[] {
    const data = block.data;
    const type = data.isEmailAvailable ? 'email' : data.isPhoneAvailable ? 'phone' : 'username';
    const fieldError = data.fieldError as BlockError | undefined;
    // `username webauthn`: the browser offers passkeys in this field's autofill (conditional UI).
    const input = this.identifierField(
      type,
      { identifier: String(data.identifierValue ?? '') },
      fieldError ?? block.error,
      'username webauthn',
    );
    if (fieldError?.code === 'unknown_identifier' || block.error?.code === 'unknown_identifier') {
      input.append(
        this.button(this.t('toSignup'), () => void this.switchTo('signup-init'), {
          variant: 'link',
        }),
      );
    }
    const challenge = data.conditionalUIChallenge;
    if (typeof challenge === 'string' && challenge && this.getAttribute('autofill') !== 'off') {
      this.startConditional(challenge);
    }
    return [
      this.form(
        (form) => {
          this.ceremony?.abort();
          const value = String(form.get(type) ?? '').trim();
          void this.step('/login/init', { identifierValue: value, isPhone: type === 'phone' });
        },
        input,
        this.button(this.t('continue'), () => {}, { type: 'submit' }),
      ),
      h(
        'p',
        { class: 'row muted' },
        this.t('noAccount'),
        this.button(this.t('toSignup'), () => void this.switchTo('signup-init'), {
          variant: 'link',
        }),
      ),
    ];
  }

  /**
   * Conditional UI (WebAuthn §5.1.4 mediation "conditional"): waits in the background for the
   * person to pick a passkey from the identifier field's autofill, until the block changes.
   */
  private startConditional(challenge: string): void {
    if (!hasWebauthn()) return;
    // enter() aborted any earlier request; the browser allows one at a time, so this one
    // starts once that one has settled.
    const controller = new AbortController();
    this.ceremony = controller;
    const run = this.generation;
    this.conditionalSettled = this.conditionalSettled
      .then(async () => {
        if (controller.signal.aborted) return;
        const assertion = await getPasskey(challenge, {
          conditional: true,
          signal: controller.signal,
        });
        if (run !== this.generation || controller.signal.aborted) return;
        await this.step('/passkey/mediation/finish', { signedChallenge: assertion });
      })
      .catch(() => {
        // Aborted (the person typed instead) or refused: the form still works.
      });
  }

  private renderPasskeyVerify(block: BlockBody): Node[] {
    const challenge = String(block.data.challenge ?? '');
    const run = () => this.passkeyLogin(challenge);
    // Start the ceremony once per challenge: the person just asked to sign in.
    if (this.autoStarted !== challenge && !block.error) {
      this.autoStarted = challenge;
      queueMicrotask(run);
    }
    return [
      h(
        'p',
        {},
        this.t('passkeyVerifyText', { identifier: String(block.data.identifierValue ?? '') }),
      ),
      this.blockError(block.error),
      this.button(this.t('usePasskey'), run),
      ...this.alternativeButtons(
        (block.alternatives ?? []).map((item) => String(item.data.verificationMethod ?? '')),
      ),
      this.resetButton(),
    ];
  }

  private async passkeyLogin(challenge: string): Promise<void> {
    if (!hasWebauthn()) return this.reportError('no_webauthn');
    const run = this.generation;
    this.ceremony?.abort();
    const controller = new AbortController();
    this.ceremony = controller;
    let assertion: string;
    try {
      assertion = await getPasskey(challenge, { signal: controller.signal });
    } catch (error) {
      if (run === this.generation && !controller.signal.aborted) {
        this.reportError(isCancelled(error) ? 'cancelled' : 'passkey_error');
      }
      return;
    }
    if (run === this.generation)
      await this.step('/passkey/login/finish', { signedChallenge: assertion });
  }

  /** Buttons for the block's fallbacks (spec_v2.yaml `alternatives`): send a code or link. */
  private alternativeButtons(methods: string[]): Node[] {
    return methods.flatMap((method) => {
      const labels: Record<string, 'emailCodeInstead' | 'phoneCodeInstead' | 'emailLinkInstead'> = {
        'email-otp': 'emailCodeInstead',
        'phone-otp': 'phoneCodeInstead',
        'email-link': 'emailLinkInstead',
      };
      const label = labels[method];
      if (!label) return [];
      return [
        this.button(
          this.t(label),
          () =>
            void this.step('/identifier/verify/start', {
              identifierType: method === 'phone-otp' ? 'phone' : 'email',
              verificationType: method,
            }),
          { variant: 'secondary' },
        ),
      ];
    });
  }

  private resetButton(): HTMLElement {
    return this.button(this.t('useOther'), () => void this.step('/process/reset', {}), {
      variant: 'link',
    });
  }

  private renderPasskeyAppend(block: BlockBody): Node[] {
    const challenge = String(block.data.challenge ?? '');
    const identifier = String(block.data.identifierValue ?? '');
    const canSkip = block.authType === 'login' || (block.alternatives ?? []).length > 0;
    return [
      h('p', {}, this.t('passkeyAppendText')),
      this.form(
        (data) => void this.passkeyAppend(challenge, String(data.get('passkeyName') ?? '')),
        this.field({
          name: 'passkeyName',
          label: this.t('passkeyName'),
          autocomplete: 'off',
          value: identifier,
          hint: this.t('passkeyNameHint'),
          extra: { maxlength: 64 },
        }),
        this.blockError(block.error),
        this.button(this.t('createPasskey'), () => {}, { type: 'submit' }),
      ),
      ...(canSkip
        ? [
            this.button(this.t('skip'), () => void this.step('/block/skip', {}), {
              variant: 'secondary',
            }),
          ]
        : []),
    ];
  }

  private async passkeyAppend(challenge: string, name: string): Promise<void> {
    if (!hasWebauthn()) return this.reportError('no_webauthn');
    const run = this.generation;
    let credential: string;
    try {
      credential = await createPasskey(challenge, name.trim() || undefined);
    } catch (error) {
      if (run !== this.generation) return;
      // InvalidStateError: this authenticator already holds a passkey for the account.
      const code =
        error instanceof DOMException && error.name === 'InvalidStateError'
          ? 'passkey_exists'
          : isCancelled(error)
            ? 'cancelled'
            : 'passkey_error';
      this.reportError(code);
      return;
    }
    if (run === this.generation) {
      await this.step('/passkey/append/finish', { signedChallenge: credential });
    }
  }

  private renderPasskeyAppended(): Node[] {
    return [
      h('p', {}, this.t('passkeyAppendedText')),
      this.button(this.t('continue'), () => void this.step('/process/complete', {})),
    ];
  }

  private renderVerify(block: BlockBody): Node[] {
    const data = block.data;
    const method = String(data.verificationMethod ?? 'email-otp');
    const identifier = String(data.identifier ?? '');
    const identifierType = method === 'phone-otp' ? 'phone' : 'email';
    if (block.continueOnOtherDevice) {
      const done = block.continueOnOtherDevice.reason === 'process-already-completed';
      return [
        h('p', { part: 'message' }, this.t(done ? 'linkProcessDone' : 'linkOpenedElsewhere')),
      ];
    }
    const resend = this.resendButton(block, identifierType, method);
    const alternatives = this.alternativeButtons(
      (
        (data.alternativeVerificationMethods as
          | Array<{ verificationMethod: string }>
          | undefined) ?? []
      ).map((item) => item.verificationMethod),
    );
    if (method === 'email-link') {
      this.pollLink();
      return [
        h('p', {}, this.t('linkSentTo', { identifier })),
        h('p', { class: 'muted', 'aria-live': 'polite' }, this.t('linkWaiting')),
        this.blockError(block.error),
        resend,
        ...alternatives,
        this.resetButton(),
      ];
    }
    return [
      this.form(
        (form) =>
          void this.step('/identifier/verify/finish', {
            code: String(form.get('code') ?? '').replace(/\s+/g, ''),
            identifierType,
            verificationType: method,
            isNewDevice: false,
          }),
        h('p', {}, this.t('codeSentTo', { identifier })),
        this.field({
          name: 'code',
          label: this.t('code'),
          autocomplete: 'one-time-code',
          error: block.error,
          extra: { inputmode: 'numeric', pattern: '[0-9]*', maxlength: 6, spellcheck: 'false' },
        }),
        this.button(this.t('verify'), () => {}, { type: 'submit' }),
      ),
      resend,
      ...alternatives,
      this.resetButton(),
    ];
  }

  /**
   * "Send a new code", disabled with a countdown until `retryNotBefore` (Unix seconds): the
   * server refuses an earlier resend with `retry_later` anyway.
   */
  private resendButton(block: BlockBody, identifierType: string, method: string): HTMLElement {
    const retryAtMs = Number(block.data.retryNotBefore ?? 0) * 1000;
    const link = method === 'email-link';
    const button = this.button(
      this.t(link ? 'resendLink' : 'resend'),
      () => {
        this.notice = this.t(link ? 'linkResent' : 'codeResent');
        void this.step('/identifier/verify/start', {
          identifierType,
          verificationType: method,
        });
      },
      { variant: 'secondary' },
    );
    button.setAttribute('part', 'button secondary resend');
    const tick = () => {
      const seconds = Math.ceil((retryAtMs - Date.now()) / 1000);
      if (seconds > 0) {
        button.disabled = true;
        button.textContent = this.t(link ? 'resendLinkIn' : 'resendIn', { seconds });
        this.timers.push(setTimeout(tick, 1000));
      } else {
        button.disabled = false;
        button.textContent = this.t(link ? 'resendLink' : 'resend');
      }
    };
    tick();
    return button;
  }

  private pollLink(): void {
    const run = this.generation;
    const poll = () => {
      if (run !== this.generation || this.block?.data.verificationMethod !== 'email-link') return;
      if (document.visibilityState === 'hidden' || this.busy) {
        this.timers.push(setTimeout(poll, linkPollMs));
        return;
      }
      this.session.api
        .step(this.token, '/identifier/verify/status')
        .then((response) => {
          if (run !== this.generation) return;
          const same = response.blockBody.block === this.block?.block && !response.blockBody.error;
          if (same) this.timers.push(setTimeout(poll, linkPollMs));
          else this.enter(response);
        })
        .catch(() => this.timers.push(setTimeout(poll, linkPollMs * 2)));
    };
    this.timers.push(setTimeout(poll, linkPollMs));
  }

  private renderCompleted(): Node[] {
    const user = this.session.user;
    const name = user?.name || user?.identifier || user?.email || '';
    return [h('p', { part: 'message' }, this.t('signedInAs', { name }))];
  }

  private complete(block: BlockBody): void {
    const sessionToken = String(block.data.sessionToken ?? block.data.shortSession ?? '');
    const longSession = block.data.longSession;
    if (!sessionToken) return;
    this.session.signIn(sessionToken, typeof longSession === 'string' ? longSession : undefined);
    // signIn re-rendered nothing (the block already is `completed`); show the name now known.
    const message = this.root.querySelector('[part=message]');
    if (message) message.replaceWith(...this.renderCompleted());
    const detail: SignedInDetail = { sessionToken, user: this.session.user };
    this.emit('latchkey-signed-in', detail);
  }

  private async switchTo(preferredBlock: 'signup-init' | 'login-init'): Promise<void> {
    this.ceremony?.abort();
    const run = this.generation;
    try {
      const response = await this.session.api.step(
        this.token,
        `/process?preferredBlock=${preferredBlock}`,
      );
      if (run === this.generation) this.enter(response);
    } catch {
      // Something was already sent in this process: a new one on the other block.
      if (run === this.generation) await this.begin(preferredBlock);
    }
  }

  // --- states without a block --------------------------------------------------------------

  private showWorking(): void {
    this.show(
      h(
        'div',
        { class: 'container', part: 'container', 'aria-busy': 'true' },
        h('p', { role: 'status' }, this.t('working')),
      ),
    );
  }

  private showFatal(error: unknown): void {
    const code = error instanceof FrontendApiError ? error.code : 'generic';
    this.show(
      h(
        'div',
        { class: 'container', part: 'container' },
        h('p', { class: 'error', part: 'error', role: 'alert' }, this.errorText(code)),
        this.button(this.t('continue'), () => void this.begin()),
      ),
    );
    this.emit('latchkey-error', { code, message: this.errorText(code) });
  }

  private setBusy(busy: boolean): void {
    const container = this.root.querySelector('.container');
    container?.setAttribute('aria-busy', String(busy));
    for (const button of this.root.querySelectorAll<HTMLButtonElement>('button[type=submit]')) {
      button.disabled = busy;
    }
  }
}
