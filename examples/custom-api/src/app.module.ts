import { type DynamicModule, Module } from '@nestjs/common';
import type { ExampleConfig } from './config.js';
import { PasskeyController } from './controllers/passkey.controller.js';
import { SessionController } from './controllers/session.controller.js';
import { SignUpOrLoginController } from './controllers/sign-up-or-login.controller.js';
import { BackendApiClient } from './latchkey/backend-api.client.js';
import { OtpLoginService } from './otp/otp-login.service.js';
import { MemoryPendingCodes, type PendingCodes } from './otp/pending-codes.js';
import { PasskeyService } from './passkeys/passkey.service.js';
import { SessionGuard } from './sessions/session.guard.js';
import { SessionManager } from './sessions/session-manager.js';
import { MemorySessionStore, type SessionStore } from './sessions/session-store.js';
import { CLOCK, CONFIG, PENDING_CODES, SESSION_STORE } from './tokens.js';

/** What the app is built from; everything but the config has a default. */
export interface AppOptions {
  config: ExampleConfig;
  /** Milliseconds since the epoch (sessions, pending codes); default Date.now. */
  now?: () => number;
  /** Default: in memory. Production: a shared database (see the README). */
  sessionStore?: SessionStore;
  pendingCodes?: PendingCodes;
  /** The fetch the Backend API client uses. */
  fetch?: typeof fetch;
}

/** The module class Nest needs; its contents come from appModule(). */
@Module({})
export class AppModule {}

/** The application module, built from its options (no import-time singletons). */
export function appModule(options: AppOptions): DynamicModule {
  {
    const now = options.now ?? Date.now;
    return {
      module: AppModule,
      controllers: [SignUpOrLoginController, PasskeyController, SessionController],
      providers: [
        { provide: CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: now },
        { provide: SESSION_STORE, useValue: options.sessionStore ?? new MemorySessionStore() },
        { provide: PENDING_CODES, useValue: options.pendingCodes ?? new MemoryPendingCodes(now) },
        {
          provide: BackendApiClient,
          inject: [CONFIG],
          useFactory: (config: ExampleConfig) =>
            new BackendApiClient({
              baseUrl: config.backendApiUrl,
              projectId: config.projectId,
              apiSecret: config.apiSecret,
              ...(options.fetch && { fetch: options.fetch }),
            }),
        },
        {
          provide: SessionManager,
          inject: [CONFIG, SESSION_STORE, CLOCK],
          useFactory: (config: ExampleConfig, store: SessionStore, clock: () => number) =>
            new SessionManager({
              store,
              key: config.sessionKey,
              accessTokenTtlSeconds: config.accessTokenTtlSeconds,
              refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
              now: clock,
            }),
        },
        OtpLoginService,
        PasskeyService,
        SessionGuard,
      ],
    };
  }
}
