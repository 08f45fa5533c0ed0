import { Command } from 'commander';
import { relyingPartyOf, type WebauthnSettings } from '../../core/passkeys/relying-party.js';
import {
  algorithmName,
  type WebauthnSettingsInput,
} from '../../core/passkeys/webauthn-settings.js';
import { flowSettingsOf } from '../../core/process/flow-settings.js';
import { createProject } from '../../core/projects/create-project.js';
import { getProject } from '../../core/projects/get-project.js';
import { updateProject } from '../../core/projects/update-project.js';
import { createApiSecret } from '../../core/secrets/create-api-secret.js';
import { sessionSettingsOf } from '../../core/sessions/session-settings.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { listProjects } from '../../store/project.store.js';
import { addDatabaseOptions, type DatabaseFlags, withDatabase } from '../database-options.js';
import { formatTable, formatTime, printResult } from '../output.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The relying-party policy in effect: the stored settings with the defaults filled in. */
function effectiveWebauthn(project: ProjectRecord): WebauthnSettings {
  const rp = relyingPartyOf(project);
  return {
    userVerification: rp.userVerification,
    attestation: rp.attestation,
    residentKey: rp.residentKey,
    authenticatorAttachment: rp.authenticatorAttachment,
    algorithms: rp.algorithms,
    timeoutMs: rp.timeoutMs,
    allowCrossOrigin: rp.allowCrossOrigin,
    allowedTopOrigins: rp.allowedTopOrigins,
    relatedOrigins: rp.relatedOrigins,
  };
}

/** The JSON shape of a project in CLI output. */
function projectJson(project: ProjectRecord) {
  return {
    projectID: project.id,
    name: project.name,
    rpID: project.rpId,
    rpName: project.rpName,
    origins: project.allowedOrigins,
    frontendApiUrl: project.frontendApiUrl,
    emailFrom: project.emailFrom,
    emailLinkUrl: project.emailLinkUrl,
    defaultLocale: project.defaultLocale,
    webauthn: effectiveWebauthn(project),
    flow: flowSettingsOf(project),
    allowedRedirectUrls: project.allowedRedirectUrls,
    cookieDomain: sessionSettingsOf(project).cookieDomain,
    created: formatTime(project.createdAt),
    updated: formatTime(project.updatedAt),
  };
}

function projectLines(project: ProjectRecord): string {
  const webauthn = effectiveWebauthn(project);
  const flow = flowSettingsOf(project);
  const list = (values: string[]) => values.join(', ') || '-';
  return [
    `Project ID:        ${project.id}`,
    `Name:              ${project.name}`,
    `RP ID:             ${project.rpId ?? '-'}`,
    `RP name:           ${project.rpName ?? '-'}`,
    `Origins:           ${project.allowedOrigins.join(', ') || '-'}`,
    `Frontend API URL:  ${project.frontendApiUrl ?? '(the server public URL)'}`,
    `Mail sender:       ${project.emailFrom ?? '(the server default)'}`,
    `Email link URL:    ${project.emailLinkUrl ?? '(the Frontend API URL)'}`,
    `Language:          ${project.defaultLocale}`,
    `User verification: ${webauthn.userVerification}`,
    `Attestation:       ${webauthn.attestation}`,
    `Resident key:      ${webauthn.residentKey}`,
    `Authenticators:    ${webauthn.authenticatorAttachment ?? 'any'}`,
    `Algorithms:        ${list(webauthn.algorithms.map(algorithmName))}`,
    `WebAuthn timeout:  ${webauthn.timeoutMs} ms`,
    `Cross-origin:      ${webauthn.allowCrossOrigin ? 'allowed' : 'refused'}`,
    `Top origins:       ${list(webauthn.allowedTopOrigins)}`,
    `Related origins:   ${list(webauthn.relatedOrigins)}`,
    `Login identifiers: ${list(flow.identifiers)}`,
    `Verify at sign-up: ${list(flow.verifyAtSignup)}`,
    `Fallbacks:         ${list(flow.fallbacks)}`,
    `Full name:         ${flow.fullNameRequired ? 'required' : 'optional'}`,
    `Unknown logins:    ${flow.revealUnknownIdentifier ? 'revealed' : 'not revealed'}`,
    `Passkey offer:     ${flow.offerPasskeyAfterFallback ? 'after fallback logins too' : 'at sign-up only'}`,
    `After hybrid:      ${flow.offerPasskeyAfterHybrid ? 'offer a passkey on this device' : 'no offer'}`,
    `Email check:       ${flow.verifyEmailAfterPasskey ? 'after the passkey' : 'before the passkey'}`,
    `Process lifetime:  ${flow.processLifetimeSeconds} s`,
    `Redirect URLs:     ${list(project.allowedRedirectUrls)}`,
    `Cookie domain:     ${sessionSettingsOf(project).cookieDomain ?? '(host-only)'}`,
    `Created:           ${formatTime(project.createdAt)}`,
  ].join('\n');
}

interface ProjectSettingFlags extends DatabaseFlags {
  name?: string;
  origin?: string[];
  rpId?: string;
  rpName?: string;
  frontendApiUrl?: string;
  emailFrom?: string;
  emailLinkUrl?: string;
  defaultLocale?: string;
  userVerification?: string;
  attestation?: string;
  residentKey?: string;
  authenticatorAttachment?: string;
  algorithms?: string;
  webauthnTimeout?: string;
  allowCrossOrigin?: boolean;
  topOrigin?: string[];
  relatedOrigin?: string[];
  loginIdentifiers?: string;
  verifyAtSignup?: string;
  fallbacks?: string;
  fullNameRequired?: boolean;
  revealUnknownIdentifiers?: boolean;
  offerPasskeyAfterFallback?: boolean;
  verifyEmailAfterPasskey?: boolean;
  offerPasskeyAfterHybrid?: boolean;
  processLifetime?: string;
  allowedRedirectUrl?: string[];
  cookieDomain?: string;
}

/** The flow flags given (docs/process-flows.md), as settings for core to validate; undefined when none. */
function flowFromFlags(flags: ProjectSettingFlags): Record<string, unknown> | undefined {
  // Comma-separated lists; "" empties one.
  const listOf = (value: string | undefined) =>
    value === undefined
      ? undefined
      : value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '');
  const lifetime = flags.processLifetime;
  const settings: Record<string, unknown> = {
    identifiers: listOf(flags.loginIdentifiers),
    verifyAtSignup: listOf(flags.verifyAtSignup),
    fallbacks: listOf(flags.fallbacks),
    fullNameRequired: flags.fullNameRequired,
    revealUnknownIdentifier: flags.revealUnknownIdentifiers,
    offerPasskeyAfterFallback: flags.offerPasskeyAfterFallback,
    verifyEmailAfterPasskey: flags.verifyEmailAfterPasskey,
    offerPasskeyAfterHybrid: flags.offerPasskeyAfterHybrid,
    processLifetimeSeconds:
      lifetime !== undefined && /^[0-9]+$/.test(lifetime) ? Number(lifetime) : lifetime,
  };
  const given = Object.entries(settings).filter(([, value]) => value !== undefined);
  return given.length === 0 ? undefined : Object.fromEntries(given);
}

/** The relying-party flags given, as settings for core to validate; undefined when none. */
function webauthnFromFlags(flags: ProjectSettingFlags): WebauthnSettingsInput | undefined {
  // A single empty value ("--related-origin ''") empties a list.
  const originList = (values: string[] | undefined) =>
    values === undefined ? undefined : values.length === 1 && values[0] === '' ? [] : values;
  const timeout = flags.webauthnTimeout;
  const settings: Record<string, unknown> = {
    userVerification: flags.userVerification,
    attestation: flags.attestation,
    residentKey: flags.residentKey,
    authenticatorAttachment:
      flags.authenticatorAttachment === 'any' ? null : flags.authenticatorAttachment,
    algorithms: flags.algorithms?.split(',').map((name) => name.trim()),
    timeoutMs: timeout !== undefined && /^[0-9]+$/.test(timeout) ? Number(timeout) : timeout,
    allowCrossOrigin: flags.allowCrossOrigin,
    allowedTopOrigins: originList(flags.topOrigin),
    relatedOrigins: originList(flags.relatedOrigin),
  };
  const given = Object.entries(settings).filter(([, value]) => value !== undefined);
  return given.length === 0 ? undefined : Object.fromEntries(given);
}

/** Flags of the relying-party policy, the same for create and update. */
function addWebauthnOptions(command: Command): Command {
  return command
    .option(
      '--user-verification <policy>',
      'user verification (PIN, biometrics): required, preferred, discouraged (default preferred)',
    )
    .option(
      '--attestation <preference>',
      'attestation asked for on registration: none, indirect, direct, enterprise (default none)',
    )
    .option(
      '--resident-key <preference>',
      'discoverable credentials: required, preferred, discouraged (default required)',
    )
    .option(
      '--authenticator-attachment <kind>',
      'which authenticators may register: platform, cross-platform, any (default any)',
    )
    .option(
      '--algorithms <list>',
      'COSE algorithms offered, by preference, e.g. ES256,EdDSA,RS256 (names or numbers; default ES256,EdDSA,RS256)',
    )
    .option(
      '--webauthn-timeout <ms>',
      'how long the browser waits for the authenticator, 30000 to 600000 ms (default 300000)',
    )
    .option(
      '--allow-cross-origin',
      'accept ceremonies in a cross-origin iframe (clientDataJSON.crossOrigin true)',
    )
    .option('--no-allow-cross-origin', 'refuse ceremonies in a cross-origin iframe (default)')
    .option(
      '--top-origin <origin>',
      'a top-level origin that may embed the ceremony when cross-origin is allowed (repeatable; replaces the list; "" empties it)',
      collect,
    )
    .option(
      '--related-origin <origin>',
      'an origin outside the RP ID that may use it, served at /.well-known/webauthn (repeatable; replaces the list; "" empties it)',
      collect,
    );
}

/** A single empty value ("--allowed-redirect-url ''") empties the list. */
function redirectUrlsFromFlags(flags: ProjectSettingFlags): string[] | undefined {
  const values = flags.allowedRedirectUrl;
  return values === undefined ? undefined : values.filter((value) => value !== '');
}

function addSettingOptions(command: Command, mode: 'create' | 'update'): Command {
  addWebauthnOptions(command);
  command.option(
    '--allowed-redirect-url <url>',
    'where the hosted /login, /signup and /account pages may send users back to: origin and path, matched exactly, e.g. https://app.example.com/auth/callback (repeatable; replaces the list; "" empties it)',
    collect,
  );
  return mode === 'create'
    ? command
        .requiredOption('--name <name>', 'project name')
        .option(
          '--origin <url>',
          'an origin passkeys may be used from, e.g. https://app.example.com or android:apk-key-hash:<hash> (repeatable; default http://localhost:8080)',
          collect,
        )
        .option('--rp-id <domain>', 'WebAuthn relying-party ID (default: host of the first origin)')
        .option(
          '--rp-name <name>',
          'relying-party name shown by authenticators (default: the name)',
        )
        .option(
          '--frontend-api-url <url>',
          'origin of the Frontend API for this project (default: the server public URL)',
        )
    : command
        .option('--name <name>', 'new project name')
        .option(
          '--origin <url>',
          'an origin passkeys may be used from (repeatable; replaces the whole list)',
          collect,
        )
        .option(
          '--rp-id <domain>',
          'new WebAuthn relying-party ID; every origin must be on it or a subdomain',
        )
        .option('--rp-name <name>', 'new relying-party name shown by authenticators')
        .option(
          '--frontend-api-url <url>',
          'new origin of the Frontend API for this project ("" to use the server public URL)',
        )
        .option(
          '--email-from <sender>',
          'sender of this project\'s mail, e.g. "Shop <no-reply@shop.example>" ("" for the server default)',
        )
        .option(
          '--email-link-url <url>',
          'where email links point; gets ?challengeID=…&code=… ("" for the Frontend API URL)',
        )
        .option(
          '--default-locale <tag>',
          'language of messages when a request does not say: en, de',
        )
        .option(
          '--login-identifiers <list>',
          'identifier types to sign up and log in with, comma-separated: email, phone, username',
        )
        .option(
          '--verify-at-signup <list>',
          'identifier types a sign-up verifies by code first: email, phone ("" for none)',
        )
        .option(
          '--fallbacks <list>',
          'ways in without a passkey: email-otp, email-link, phone-otp ("" for none)',
        )
        .option('--full-name-required', 'sign-up asks for a full name')
        .option('--no-full-name-required', 'sign-up does not require a full name (default)')
        .option('--reveal-unknown-identifiers', 'login says when there is no account (default)')
        .option(
          '--no-reveal-unknown-identifiers',
          'login for an unknown identifier looks like any other (no code matches)',
        )
        .option(
          '--offer-passkey-after-fallback',
          'offer a passkey after an OTP or link login when the decision rules agree (default)',
        )
        .option('--no-offer-passkey-after-fallback', 'offer passkeys at sign-up only')
        .option(
          '--verify-email-after-passkey',
          'a sign-up that must verify its email creates the passkey first, then verifies',
        )
        .option('--no-verify-email-after-passkey', 'verify the email before the passkey (default)')
        .option(
          '--offer-passkey-after-hybrid',
          'after a login with a phone (hybrid), offer a passkey on this device (default)',
        )
        .option('--no-offer-passkey-after-hybrid', 'no passkey offer after a hybrid login')
        .option('--process-lifetime <seconds>', 'how long a sign-up or login may take (60–86400)')
        .option(
          '--cookie-domain <domain>',
          'Domain of the session cookies, e.g. example.com to share them with app.example.com ("" for host-only)',
        );
}

/** An empty flag value ("") means "back to the default". */
function emptyAsNull(value: string | undefined): string | null | undefined {
  return value === '' ? null : value;
}

export function projectCommand(): Command {
  const project = new Command('project').description('create, list, show and update projects');

  addDatabaseOptions(addSettingOptions(project.command('create'), 'create'))
    .description('create a project and its first API secret')
    .action(async (flags: ProjectSettingFlags & { name: string }) => {
      await withDatabase(flags, async (deps) => {
        const created = await deps.db.transaction().execute(async (trx) => {
          const txDeps = { ...deps, db: trx };
          const record = await createProject(txDeps, {
            name: flags.name,
            origins: flags.origin ?? ['http://localhost:8080'],
            rpId: flags.rpId,
            rpName: flags.rpName,
            frontendApiUrl: flags.frontendApiUrl,
            webauthn: webauthnFromFlags(flags),
            allowedRedirectUrls: redirectUrlsFromFlags(flags),
          });
          return { record, secret: await createApiSecret(txDeps, record.id) };
        });
        printResult(
          flags.json ?? false,
          {
            ...projectJson(created.record),
            apiSecret: created.secret.apiSecret,
            apiSecretID: created.secret.id,
          },
          () =>
            `${projectLines(created.record)}\nAPI secret:        ${created.secret.apiSecret}\n\nThe API secret is shown only now; store it safely.`,
        );
      });
    });

  addDatabaseOptions(project.command('list'))
    .description('list all projects')
    .action(async (flags: DatabaseFlags) => {
      await withDatabase(flags, async (deps) => {
        const projects = await listProjects(deps.db);
        printResult(flags.json ?? false, projects.map(projectJson), () =>
          formatTable(
            ['PROJECT ID', 'NAME', 'RP ID', 'ORIGINS', 'CREATED'],
            projects.map((p) => [
              p.id,
              p.name,
              p.rpId ?? '-',
              p.allowedOrigins.join(','),
              formatTime(p.createdAt),
            ]),
          ),
        );
      });
    });

  addDatabaseOptions(project.command('show'))
    .description('show one project')
    .argument('<projectID>', 'the project ID (pro-…)')
    .action(async (projectId: string, flags: DatabaseFlags) => {
      await withDatabase(flags, async (deps) => {
        const record = await getProject(deps, projectId);
        printResult(flags.json ?? false, projectJson(record), () => projectLines(record));
      });
    });

  addDatabaseOptions(addSettingOptions(project.command('update'), 'update'))
    .description(
      'change a project: name, origins, RP ID and name, Frontend API URL, WebAuthn policy, flows',
    )
    .argument('<projectID>', 'the project ID (pro-…)')
    .action(async (projectId: string, flags: ProjectSettingFlags) => {
      await withDatabase(flags, async (deps) => {
        const record = await updateProject(deps, projectId, {
          name: flags.name,
          origins: flags.origin,
          rpId: flags.rpId,
          rpName: flags.rpName,
          frontendApiUrl: emptyAsNull(flags.frontendApiUrl),
          emailFrom: emptyAsNull(flags.emailFrom),
          emailLinkUrl: emptyAsNull(flags.emailLinkUrl),
          defaultLocale: flags.defaultLocale,
          webauthn: webauthnFromFlags(flags),
          flow: flowFromFlags(flags),
          allowedRedirectUrls: redirectUrlsFromFlags(flags),
          session:
            flags.cookieDomain === undefined
              ? undefined
              : { cookieDomain: emptyAsNull(flags.cookieDomain) },
        });
        printResult(flags.json ?? false, projectJson(record), () => projectLines(record));
      });
    });

  return project;
}
