import { SoftwareAuthenticator } from '../../../packages/server/test/support/webauthn/software-authenticator.js';
import { type BenchUser, CeremonyError, LoginDriver } from '../login-driver.js';
import { CookieJar, describeAnswer, HttpClient } from './http-client.js';

/** A user of one target, with the passkey its own authenticator holds and its last session. */
export interface CompareUser {
  id: string;
  authenticator: SoftwareAuthenticator;
  /** Latchkey: the session token (a JWT). */
  sessionToken?: string;
  /** The peer: the browser's cookies after the last login (its session cookie). */
  jar?: CookieJar;
  /** Latchkey: what LoginDriver needs to log this user in. */
  benchUser?: BenchUser;
}

/** The three ceremonies, the same for Latchkey and the peer. Every method throws CeremonyError. */
export interface CeremonyTarget {
  readonly name: 'latchkey' | 'better-auth';
  /** A new user with one passkey. */
  signUp(): Promise<CompareUser>;
  /** A full passkey login that ends with a session issued (kept on the user). */
  login(user: CompareUser): Promise<void>;
  /** One authenticated request whose session is verified. */
  checkSession(user: CompareUser): Promise<void>;
  close(): void;
}

/**
 * Latchkey through its Backend API, as a customer's backend drives it:
 * - sign-up: `POST /v2/users`, then `passkey/append/start|finish`;
 * - login: `passkey/login/start`, the authenticator, `passkey/login/finish` with
 *   `signPasskeyData: true`, then `POST /v2/passkey/postLogin`, which turns the signed passkey
 *   data into a session (session token + refresh token): options + verify + session issued;
 * - session check: `GET /me` on the resource server, which verifies the session token with the
 *   project's JWKS (jose).
 */
export class LatchkeyTarget implements CeremonyTarget {
  readonly name = 'latchkey' as const;
  private readonly driver: LoginDriver;
  private readonly resource: HttpClient;

  constructor(
    settings: {
      baseUrl: string;
      projectId: string;
      apiSecret: string;
      origin: string;
      tag: string;
    },
    resourceUrl: string,
  ) {
    this.driver = new LoginDriver({ ...settings, signPasskeyData: true });
    this.resource = new HttpClient(resourceUrl);
  }

  async signUp(): Promise<CompareUser> {
    const benchUser = await this.driver.registerUser();
    return { id: benchUser.userID, authenticator: benchUser.authenticator, benchUser };
  }

  async login(user: CompareUser): Promise<void> {
    const { signedPasskeyData } = await this.driver.login(user.benchUser!);
    user.sessionToken = await this.driver.postLogin(signedPasskeyData!);
  }

  async checkSession(user: CompareUser): Promise<void> {
    const answer = await this.resource.request<{ sub?: string }>('GET', '/me', {
      headers: { authorization: `Bearer ${user.sessionToken}` },
    });
    if (answer.status !== 200 || answer.body?.sub !== user.id) {
      throw new CeremonyError('resource server GET /me', describeAnswer(answer));
    }
  }

  close(): void {
    this.driver.close();
    this.resource.close();
  }
}

/**
 * Better Auth with its passkey plugin, as its browser client drives it (paths under
 * /api/auth, cookies kept per user, the page's Origin sent as a browser does):
 * - sign-up: `POST /sign-in/anonymous` (a user and a session, no password), then
 *   `GET /passkey/generate-register-options` and `POST /passkey/verify-registration`;
 * - login, from a browser without a session: `GET /passkey/generate-authenticate-options`
 *   (the challenge cookie), the authenticator (a discoverable credential, no allow list), then
 *   `POST /passkey/verify-authentication`, which sets the session cookie;
 * - session check: `GET /get-session` with that cookie.
 */
export class BetterAuthTarget implements CeremonyTarget {
  readonly name = 'better-auth' as const;
  private readonly http: HttpClient;

  constructor(
    baseUrl: string,
    private readonly origin: string,
  ) {
    this.http = new HttpClient(baseUrl, { origin });
  }

  private async call<T>(
    step: string,
    method: 'GET' | 'POST',
    path: string,
    jar: CookieJar,
    body?: unknown,
  ): Promise<T> {
    const answer = await this.http.request<T>(method, `/api/auth${path}`, {
      body,
      headers: { cookie: jar.header() },
    });
    jar.store(answer.setCookies);
    if (answer.status !== 200 || answer.body === undefined || answer.body === null) {
      throw new CeremonyError(step, describeAnswer(answer));
    }
    return answer.body;
  }

  async signUp(): Promise<CompareUser> {
    const jar = new CookieJar();
    const created = await this.call<{ user?: { id?: string } }>(
      'sign-in/anonymous',
      'POST',
      '/sign-in/anonymous',
      jar,
      {},
    );
    const id = created.user?.id;
    if (typeof id !== 'string') throw new CeremonyError('sign-in/anonymous', 'no user.id');
    const options = await this.call<Parameters<SoftwareAuthenticator['createCredential']>[0]>(
      'passkey/generate-register-options',
      'GET',
      '/passkey/generate-register-options',
      jar,
    );
    const authenticator = new SoftwareAuthenticator({ signCounter: 'increment' });
    const response = authenticator.createCredential(options, { origin: this.origin });
    await this.call('passkey/verify-registration', 'POST', '/passkey/verify-registration', jar, {
      response,
    });
    return { id, authenticator, jar };
  }

  async login(user: CompareUser): Promise<void> {
    const jar = new CookieJar();
    const options = await this.call<Parameters<SoftwareAuthenticator['getAssertion']>[0]>(
      'passkey/generate-authenticate-options',
      'GET',
      '/passkey/generate-authenticate-options',
      jar,
    );
    const response = user.authenticator.getAssertion(options, { origin: this.origin });
    const verified = await this.call<{ session?: unknown; user?: { id?: string } }>(
      'passkey/verify-authentication',
      'POST',
      '/passkey/verify-authentication',
      jar,
      { response },
    );
    if (!verified.session || verified.user?.id !== user.id) {
      throw new CeremonyError('passkey/verify-authentication', 'no session for this user');
    }
    user.jar = jar;
  }

  async checkSession(user: CompareUser): Promise<void> {
    const answer = await this.call<{ session?: unknown; user?: { id?: string } }>(
      'get-session',
      'GET',
      '/get-session',
      user.jar!,
    );
    if (!answer.session || answer.user?.id !== user.id) {
      throw new CeremonyError('get-session', 'no session for this user');
    }
  }

  close(): void {
    this.http.close();
  }
}
