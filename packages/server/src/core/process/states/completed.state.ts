import { blockOf, type StateModule } from '../block-body.js';

/**
 * completed: the session. spec_v2.yaml names the session token `shortSession`; newer Corbado
 * clients read `sessionToken`, so both carry it. `longSession` (the refresh token) only for
 * apps and dev projects; browsers get it as the httpOnly cookie.
 */
export const completedState: StateModule = {
  block: 'completed',
  render(input) {
    const session = input.session;
    return blockOf('completed', input, {
      shortSession: session?.sessionToken ?? '',
      sessionToken: session?.sessionToken ?? '',
      ...(session?.longSession !== undefined && { longSession: session.longSession }),
      ...(input.context.passkeyOperation && { passkeyOperation: input.context.passkeyOperation }),
    });
  },
};
