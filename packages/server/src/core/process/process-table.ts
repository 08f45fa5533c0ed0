/** spec_v2.yaml `blockType`: the blocks Latchkey's processes hand out. */
export const blockTypes = [
  'signup-init',
  'login-init',
  'email-verify',
  'phone-verify',
  'passkey-append',
  'passkey-verify',
  'passkey-appended',
  /** Sign-up made a passkey first; the email is verified now (`verifyEmailAfterPasskey`). */
  'post-signup-email-verify',
  /** A login with a passkey from another device (hybrid): offer one on this device. */
  'passkey-append-after-hybrid',
  'completed',
] as const;

export type BlockType = (typeof blockTypes)[number];

/** Every step a client can take, one per Frontend API operation (and `switchBlock`). */
export const actionNames = [
  'signupInit',
  'loginInit',
  /** GET /v2/auth/process?preferredBlock=: between sign-up and login before either started. */
  'switchBlock',
  'passkeyAppendStart',
  'passkeyAppendFinish',
  'passkeyLoginStart',
  'passkeyLoginFinish',
  'passkeyMediationFinish',
  'identifierVerifyStart',
  'identifierVerifyFinish',
  /** An email link of this process opened on another device (no process token there). */
  'identifierVerifyElsewhere',
  /** GET /v2/auth/identifier/verify/status: the waiting device polls. */
  'identifierVerifyStatus',
  /** POST /v2/auth/identifier/update: a new value for the identifier a code waits for. */
  'identifierUpdate',
  'skip',
  'complete',
  'reset',
] as const;

export type ActionName = (typeof actionNames)[number];

type Transitions = Partial<Record<ActionName, readonly BlockType[]>>;

const initial = ['signup-init', 'login-init'] as const;

/**
 * The process, whole: for each block, the actions it offers and every block each action may
 * lead to. Staying on the same block (listed explicitly) is how an expected failure (a wrong
 * code, a refused passkey, a taken email address) keeps the flow where it is. Action modules
 * only choose among the targets listed here; `runProcessStep` refuses any other outcome, and
 * `validateProcessTable` checks the graph when the server starts. docs/process-flows.md draws
 * it.
 */
export const processTable: Record<BlockType, Transitions> = {
  'signup-init': {
    signupInit: ['signup-init', 'passkey-append', 'email-verify', 'phone-verify'],
    switchBlock: ['login-init'],
    reset: initial,
  },
  'login-init': {
    loginInit: ['login-init', 'passkey-verify', 'email-verify', 'phone-verify'],
    passkeyMediationFinish: ['login-init', 'passkey-append-after-hybrid', 'completed'],
    switchBlock: ['signup-init'],
    reset: initial,
  },
  'email-verify': {
    identifierVerifyStart: ['email-verify', 'phone-verify'],
    identifierVerifyFinish: ['email-verify', 'phone-verify', 'passkey-append', 'completed'],
    identifierVerifyElsewhere: ['email-verify'],
    identifierVerifyStatus: ['email-verify', 'phone-verify', 'passkey-append', 'completed'],
    identifierUpdate: ['email-verify', 'login-init', 'passkey-verify', 'phone-verify'],
    reset: initial,
  },
  'phone-verify': {
    identifierVerifyStart: ['phone-verify', 'email-verify'],
    identifierVerifyFinish: ['phone-verify', 'email-verify', 'passkey-append', 'completed'],
    identifierUpdate: ['phone-verify', 'login-init', 'passkey-verify', 'email-verify'],
    reset: initial,
  },
  'passkey-append': {
    passkeyAppendStart: ['passkey-append'],
    passkeyAppendFinish: [
      'passkey-append',
      'passkey-appended',
      'post-signup-email-verify',
      'completed',
    ],
    identifierVerifyStart: ['passkey-append', 'email-verify', 'phone-verify'],
    skip: ['passkey-append', 'email-verify', 'phone-verify', 'completed'],
    reset: initial,
  },
  'passkey-verify': {
    passkeyLoginStart: ['passkey-verify'],
    passkeyLoginFinish: ['passkey-verify', 'passkey-append-after-hybrid', 'completed'],
    identifierVerifyStart: ['passkey-verify', 'email-verify', 'phone-verify'],
    reset: initial,
  },
  'post-signup-email-verify': {
    identifierVerifyStart: ['post-signup-email-verify'],
    identifierVerifyFinish: ['post-signup-email-verify', 'completed'],
    identifierUpdate: ['post-signup-email-verify'],
    reset: initial,
  },
  'passkey-append-after-hybrid': {
    passkeyAppendStart: ['passkey-append-after-hybrid'],
    passkeyAppendFinish: ['passkey-append-after-hybrid', 'passkey-appended'],
    skip: ['completed'],
  },
  'passkey-appended': {
    skip: ['completed'],
    complete: ['completed'],
  },
  completed: {},
};

/** The blocks a process may start on (`preferredBlock` of process init). */
export const initialBlocks: readonly BlockType[] = initial;

/** The blocks a process ends on. */
export const finalBlocks: readonly BlockType[] = ['completed'];

/** True when `action` is offered on `block`. */
export function offers(block: BlockType, action: ActionName): boolean {
  return processTable[block][action] !== undefined;
}

/** True when the table lets `action` on `from` lead to `to`. */
export function allowsTransition(from: BlockType, action: ActionName, to: BlockType): boolean {
  return processTable[from][action]?.includes(to) ?? false;
}

/** True when `value` names a block of the table. */
export function isBlockType(value: unknown): value is BlockType {
  return typeof value === 'string' && (blockTypes as readonly string[]).includes(value);
}

/**
 * Checks the table against the modules that implement it and against itself: every block has
 * a state module, every action offered has an action module, every target is a block, every
 * block is reachable from an initial block, every block can reach a final block, and final
 * blocks offer nothing. Returns the problems (empty when the table is sound).
 */
export function checkProcessTable(
  table: Record<string, Transitions>,
  implemented: { states: readonly string[]; actions: readonly string[] },
): string[] {
  const problems: string[] = [];
  const blocks = Object.keys(table);
  const edges = new Map<string, Set<string>>();
  for (const block of blocks) {
    if (!implemented.states.includes(block)) problems.push(`block ${block} has no state module`);
    const targets = new Set<string>();
    for (const [action, to] of Object.entries(table[block] ?? {})) {
      if (!implemented.actions.includes(action)) {
        problems.push(`action ${action} (offered on ${block}) has no action module`);
      }
      if (!to || to.length === 0) problems.push(`action ${action} on ${block} leads nowhere`);
      for (const target of to ?? []) {
        if (!blocks.includes(target)) problems.push(`${block} --${action}--> unknown ${target}`);
        targets.add(target);
      }
    }
    edges.set(block, targets);
  }
  const reach = (from: readonly string[], next: (block: string) => Iterable<string>) => {
    const seen = new Set(from);
    const queue = [...from];
    while (queue.length > 0) {
      for (const target of next(queue.shift() as string)) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    return seen;
  };
  const reachable = reach(initialBlocks, (block) => edges.get(block) ?? []);
  const reverse = (block: string) => blocks.filter((from) => edges.get(from)?.has(block));
  const finishing = reach(finalBlocks, reverse);
  for (const block of blocks) {
    if (!reachable.has(block)) problems.push(`block ${block} cannot be reached from the start`);
    if (!finishing.has(block)) problems.push(`block ${block} cannot reach completed`);
  }
  for (const block of finalBlocks) {
    if (Object.keys(table[block] ?? {}).length > 0) problems.push(`final ${block} offers actions`);
  }
  return problems;
}
