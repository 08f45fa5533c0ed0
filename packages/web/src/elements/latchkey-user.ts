import { h } from '../dom.js';
import { LatchkeyElement } from './base-element.js';

/**
 * `<latchkey-user project-id frontend-api>`: the signed-in user's name and a sign-out
 * button; empty (and `hidden`) while nobody is signed in. Fires `latchkey-signed-out`.
 */
export class LatchkeyUser extends LatchkeyElement {
  private readonly onChange = () => this.render();

  protected start(): void {
    this.session.addEventListener('change', this.onChange);
    this.render();
  }

  protected stop(): void {
    this.session.removeEventListener('change', this.onChange);
  }

  private render(): void {
    const user = this.session.user;
    this.hidden = !user;
    if (!user) {
      this.show();
      return;
    }
    const name = user.name || user.email || user.phoneNumber || user.identifier || user.id;
    this.show(
      h(
        'div',
        { class: 'row', part: 'container' },
        h('span', { part: 'name' }, this.t('signedInAs', { name })),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            part: 'button secondary logout',
            onclick: async () => {
              await this.session.logout();
              this.emit('latchkey-signed-out', {});
            },
          },
          this.t('logout'),
        ),
      ),
    );
  }
}
