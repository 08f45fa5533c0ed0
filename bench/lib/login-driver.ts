import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SoftwareAuthenticator } from '../../packages/server/test/support/webauthn/software-authenticator.js';
import { BackendClient } from './backend-client.js';
import { SampleBuffer } from './latency.js';

/** Where the generator sends its requests and how it signs them. */
export interface DriverSettings {
  baseUrl: string;
  projectId: string;
  apiSecret: string;
  /** The web origin the software authenticator reports (one of the project's origins). */
  origin: string;
  /** Ask login/finish for `signedPasskeyData` (an RS256 JWT by default). */
  signPasskeyData: boolean;
  /** Tag that makes user names unique across generator threads and runs. */
  tag: string;
}

/** One benchmark user: a Latchkey user with one passkey held by its own authenticator. */
export interface BenchUser {
  userID: string;
  username: string;
  authenticator: SoftwareAuthenticator;
}

/** One measured phase: `clients` closed-loop clients, a warm-up, then `durationMs` measured. */
export interface PhaseSpec {
  clients: number;
  warmupMs: number;
  durationMs: number;
}

/** What one phase measured (latencies in ms, ceremonies that completed in the measured window). */
export interface PhaseOutcome {
  completed: number;
  /** Failed ceremonies during the whole phase, warm-up included. */
  errors: number;
  /** The first few failures, described. */
  errorSamples: string[];
  /** Full ceremony: login/start, the authenticator, login/finish. */
  latencies: Float64Array;
  /** login/start alone. */
  startLatencies: Float64Array;
  /** login/finish alone. */
  finishLatencies: Float64Array;
  /** Length of the measured window. */
  measuredMs: number;
}

/** A browser as the Backend API sees it (the spec's clientInformation). */
export const clientInformation = {
  remoteAddress: '127.0.0.1',
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  userVerifyingPlatformAuthenticatorAvailable: true,
  conditionalMediationAvailable: true,
  parsedDeviceInfo: {
    browserName: 'Chrome',
    browserVersion: '120',
    osName: 'macOS',
    osVersion: '14',
  },
};

const maxErrorSamples = 5;

/** A failed request or ceremony step, with what the server answered. */
export class CeremonyError extends Error {
  constructor(step: string, detail: string) {
    super(`${step}: ${detail}`);
    this.name = 'CeremonyError';
  }
}

function describeAnswer(status: number, text: string): string {
  return `HTTP ${status} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

/**
 * Creates users with one passkey each and drives passkey logins (login/start → authenticator
 * → login/finish) against a Latchkey Backend API, as a set of closed-loop virtual clients.
 */
export class LoginDriver {
  readonly users: BenchUser[] = [];
  private readonly client: BackendClient;
  private sequence = 0;

  constructor(private readonly settings: DriverSettings) {
    this.client = new BackendClient(settings.baseUrl, settings.projectId, settings.apiSecret);
  }

  /** Creates `count` users and registers one passkey for each, `parallel` at a time. */
  async setupUsers(count: number, parallel: number, onProgress?: (done: number) => void) {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        this.users.push(await this.registerUser());
        onProgress?.(this.users.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  }

  /** POST /v2/users, then passkey/append/start and /finish with a fresh software authenticator. */
  async registerUser(): Promise<BenchUser> {
    const n = this.sequence++;
    const username = `bench-${this.settings.tag}-${n}@example.com`;
    const created = await this.client.post<{ userID?: string }>('/users', {
      fullName: `Bench User ${n}`,
      status: 'active',
    });
    if (created.status !== 200 || typeof created.body?.userID !== 'string') {
      throw new CeremonyError('POST /users', describeAnswer(created.status, created.text));
    }
    const userID = created.body.userID;
    const processID = `bench-append-${this.settings.tag}-${n}`;
    const start = await this.client.post<{ attestationOptions?: string }>('/passkey/append/start', {
      userID,
      processID,
      username,
      clientInformation,
      passkeyIntelFlags: { forcePasskeyAppend: true },
    });
    if (start.status !== 200 || typeof start.body?.attestationOptions !== 'string') {
      throw new CeremonyError('passkey/append/start', describeAnswer(start.status, start.text));
    }
    const authenticator = new SoftwareAuthenticator({ signCounter: 'increment' });
    const attestation = authenticator.createCredential(JSON.parse(start.body.attestationOptions), {
      origin: this.settings.origin,
    });
    const finish = await this.client.post<{ passkeyData?: unknown }>('/passkey/append/finish', {
      userID,
      processID,
      attestationResponse: JSON.stringify(attestation),
      clientInformation,
      trackingID: `bench-${this.settings.tag}`,
    });
    if (finish.status !== 200 || !finish.body?.passkeyData) {
      throw new CeremonyError('passkey/append/finish', describeAnswer(finish.status, finish.text));
    }
    return { userID, username, authenticator };
  }

  /**
   * One passkey login as a browser and the customer's backend perform it. Returns the
   * latencies of login/start and login/finish (ms) and the signed passkey data (when asked for).
   * @throws CeremonyError on any answer but a successful one
   */
  async login(
    user: BenchUser,
  ): Promise<{ startMs: number; finishMs: number; signedPasskeyData: string | undefined }> {
    const processID = `bench-login-${this.settings.tag}-${this.sequence++}`;
    const t0 = performance.now();
    const start = await this.client.post<{ loginAllow?: boolean; assertionOptions?: string }>(
      '/passkey/login/start',
      {
        userID: user.userID,
        clientInformation,
        crossDeviceAuthenticationStrategy: 'standard',
        processID,
      },
    );
    const t1 = performance.now();
    if (start.status !== 200 || typeof start.body?.assertionOptions !== 'string') {
      throw new CeremonyError('passkey/login/start', describeAnswer(start.status, start.text));
    }
    if (start.body.loginAllow !== true) {
      throw new CeremonyError('passkey/login/start', `loginAllow is not true: ${start.text}`);
    }
    const assertion = user.authenticator.getAssertion(JSON.parse(start.body.assertionOptions), {
      origin: this.settings.origin,
    });
    const t2 = performance.now();
    const finish = await this.client.post<{ passkeyData?: unknown; signedPasskeyData?: unknown }>(
      '/passkey/login/finish',
      {
        userID: user.userID,
        assertionResponse: JSON.stringify(assertion),
        clientInformation,
        processID,
        trackingID: `bench-${this.settings.tag}`,
        signPasskeyData: this.settings.signPasskeyData,
      },
    );
    const t3 = performance.now();
    if (finish.status !== 200 || !finish.body?.passkeyData) {
      throw new CeremonyError('passkey/login/finish', describeAnswer(finish.status, finish.text));
    }
    if (this.settings.signPasskeyData && typeof finish.body.signedPasskeyData !== 'string') {
      throw new CeremonyError('passkey/login/finish', `no signedPasskeyData: ${finish.text}`);
    }
    const signed = finish.body.signedPasskeyData;
    return {
      startMs: t1 - t0,
      finishMs: t3 - t2,
      signedPasskeyData: typeof signed === 'string' ? signed : undefined,
    };
  }

  /**
   * `POST /v2/passkey/postLogin`: the signed passkey data of a finished login → a session.
   * Returns the session token.
   * @throws CeremonyError on any answer but a session
   */
  async postLogin(signedPasskeyData: string): Promise<string> {
    const answer = await this.client.post<{ session?: unknown; longSession?: unknown }>(
      '/passkey/postLogin',
      { signedPasskeyData },
    );
    if (
      answer.status !== 200 ||
      typeof answer.body?.session !== 'string' ||
      typeof answer.body.longSession !== 'string'
    ) {
      throw new CeremonyError('passkey/postLogin', describeAnswer(answer.status, answer.text));
    }
    return answer.body.session;
  }

  /**
   * One login before any load, so that what the server creates on its first login (the
   * project's passkey-data signing key) exists before the clients start. Returns its latency.
   */
  async firstLogin(): Promise<number> {
    const user = this.users[0];
    if (!user) throw new Error('no users to log in');
    const t0 = performance.now();
    await this.login(user);
    return performance.now() - t0;
  }

  /**
   * Runs `spec.clients` closed-loop clients: each repeats logins of its own users (client i
   * takes users i, i + clients, …, so no user is in two ceremonies at once and the sign counter
   * only ever goes up) until the phase ends. Ceremonies that complete within the measured
   * window (after the warm-up) are counted and their latencies kept.
   */
  async runPhase(spec: PhaseSpec): Promise<PhaseOutcome> {
    if (spec.clients > this.users.length) {
      throw new Error(
        `${spec.clients} clients need at least as many users (have ${this.users.length})`,
      );
    }
    const latencies = new SampleBuffer();
    const startLatencies = new SampleBuffer();
    const finishLatencies = new SampleBuffer();
    const errorSamples: string[] = [];
    let errors = 0;
    const began = performance.now();
    const measureFrom = began + spec.warmupMs;
    const end = measureFrom + spec.durationMs;

    const runClient = async (index: number) => {
      const mine = this.users.filter((_user, i) => i % spec.clients === index);
      let turn = 0;
      while (performance.now() < end) {
        const user = mine[turn++ % mine.length]!;
        const t0 = performance.now();
        try {
          const { startMs, finishMs } = await this.login(user);
          const t1 = performance.now();
          if (t1 >= measureFrom && t1 < end) {
            latencies.push(t1 - t0);
            startLatencies.push(startMs);
            finishLatencies.push(finishMs);
          }
        } catch (error) {
          errors++;
          if (errorSamples.length < maxErrorSamples)
            errorSamples.push(String((error as Error).message ?? error));
          // A server that fails fast must not turn the generator into a busy loop.
          await sleep(10);
        }
      }
    };
    await Promise.all(Array.from({ length: spec.clients }, (_v, i) => runClient(i)));
    return {
      completed: latencies.length,
      errors,
      errorSamples,
      latencies: latencies.toArray(),
      startLatencies: startLatencies.toArray(),
      finishLatencies: finishLatencies.toArray(),
      measuredMs: spec.durationMs,
    };
  }

  close(): void {
    this.client.close();
  }
}
