// A software WebAuthn authenticator plus the browser glue around it, for API tests and the
// load generator. It answers PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON with
// exactly what a browser's `credential.toJSON()` returns (RegistrationResponseJSON /
// AuthenticationResponseJSON), signs with real keys (node:crypto), and keeps its credentials in
// memory. Every call accepts `tamper` knobs so negative tests can produce each failure a relying
// party must catch (wrong RP ID hash, origin, challenge, type, flags, counter, user handle,
// signature, oversized or duplicate credential IDs).
//
// All methods are synchronous (the load generator calls them in tight loops); `await` works too.

import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
  sign,
} from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { encodeCbor } from './cbor.js';

export type SoftwareAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

/** COSE algorithm identifiers (IANA). */
export const COSE_ALG: Record<SoftwareAlgorithm, number> = { ES256: -7, EdDSA: -8, RS256: -257 };

/** authenticatorData flag bits (WebAuthn §6.1). */
export const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;

export interface SoftwareAuthenticatorOptions {
  /** UUID string or 16 bytes; defaults to all zeros. */
  aaguid?: string | Uint8Array;
  /** 'increment': +1 per assertion (starts at 0 on registration); 'zero': always 0 (like Apple/Google passkeys). */
  signCounter: 'increment' | 'zero';
  /** BE flag; default true (a synced passkey). */
  backupEligible?: boolean;
  /** BS flag; defaults to `backupEligible`. */
  backupState?: boolean;
  /** Whether the authenticator verifies the user (UV flag); default true. */
  userVerification?: boolean;
  /** Attestation statement format; default 'none'. */
  attestation?: 'none' | 'packed-self';
  /** Key algorithm; default: the first of the RP's pubKeyCredParams this authenticator supports. */
  algorithm?: SoftwareAlgorithm;
  /** Reported authenticatorAttachment; default 'platform'. */
  authenticatorAttachment?: 'platform' | 'cross-platform';
  /** Reported transports; default ['internal', 'hybrid']. */
  transports?: AuthenticatorTransportFuture[];
  /** Milliseconds since the epoch, for the credentials' createdAt / lastUsedAt; default Date.now. */
  clock?: () => number;
}

/** Knobs that make a single response wrong in one precise way. */
export interface Tamper {
  /** Put SHA-256 of this RP ID into authenticatorData instead of the real RP ID's hash. */
  rpIdHashOf?: string;
  /** Override clientDataJSON members (type, challenge, origin, crossOrigin, topOrigin, or extra ones). */
  clientData?: Partial<ClientData> & Record<string, unknown>;
  /** Force individual flags on or off (after the authenticator set them). */
  flags?: { up?: boolean; uv?: boolean; be?: boolean; bs?: boolean };
  /** Report exactly this signCount (not stored; use setSignCount to change the stored counter). */
  signCount?: number;
  /** Assertion only: report this userHandle (base64url), or null to omit it. */
  userHandle?: string | null;
  /** Flip a bit in the last byte of the signature (assertion, or packed attestation). */
  corruptSignature?: boolean;
  /** Registration only: use this credential ID (e.g. 1024 bytes, or one already registered). */
  credentialId?: Uint8Array;
  /** Registration only: ignore excludeCredentials (to produce a duplicate credential ID). */
  ignoreExcludeCredentials?: boolean;
  /** Assertion only: report this id/rawId instead of the signing credential's (e.g. another user's). */
  responseCredentialId?: string;
}

export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
  topOrigin?: string;
}

export interface CeremonyContext {
  /** The calling page's origin, e.g. 'https://app.example.com'. */
  origin: string;
  crossOrigin?: boolean;
  /** Top-level origin, reported when given (cross-origin iframes). */
  topOrigin?: string;
  tamper?: Tamper;
}

export interface CreateContext extends CeremonyContext {
  /** Override the authenticator's algorithm for this credential. */
  algorithm?: SoftwareAlgorithm;
}

export interface GetContext extends CeremonyContext {
  /** Pick this credential (base64url ID), like choosing an account; default: the most recent match. */
  credentialId?: string;
}

export interface StoredCredential {
  /** base64url credential ID. */
  id: string;
  rawId: Buffer;
  rpId: string;
  /** base64url user handle (user.id from the creation options). */
  userHandle: string;
  userName: string;
  algorithm: SoftwareAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  signCount: number;
  createdAt: number;
  lastUsedAt?: number;
}

/** Thrown like the browser's DOMException: name is NotAllowedError, InvalidStateError, …. */
export class SoftwareAuthenticatorError extends Error {
  constructor(
    override readonly name: 'NotAllowedError' | 'InvalidStateError' | 'NotSupportedError',
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array): string => Buffer.from(data).toString('base64url');
/** Decode and re-encode, as the browser does with challenges and IDs. */
const normaliseB64url = (value: string): string =>
  Buffer.from(value, 'base64url').toString('base64url');

function parseAaguid(aaguid: string | Uint8Array | undefined): Buffer {
  if (aaguid === undefined) return Buffer.alloc(16);
  const bytes =
    typeof aaguid === 'string'
      ? Buffer.from(aaguid.replaceAll('-', ''), 'hex')
      : Buffer.from(aaguid);
  if (bytes.length !== 16) throw new TypeError('aaguid must be 16 bytes');
  return bytes;
}

function generateKey(algorithm: SoftwareAlgorithm): {
  privateKey: KeyObject;
  publicKey: KeyObject;
} {
  switch (algorithm) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generateKeyPairSync('ed25519');
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  }
}

/** The credential public key in COSE_Key form (RFC 9053), CBOR-encoded. */
export function coseKey(publicKey: KeyObject, algorithm: SoftwareAlgorithm): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const b = (v: string | undefined): Buffer => Buffer.from(v ?? '', 'base64url');
  switch (algorithm) {
    case 'ES256':
      // kty EC2, alg, crv P-256, x, y
      return encodeCbor(
        new Map<number, number | Buffer>([
          [1, 2],
          [3, COSE_ALG.ES256],
          [-1, 1],
          [-2, b(jwk.x)],
          [-3, b(jwk.y)],
        ]),
      );
    case 'EdDSA':
      // kty OKP, alg, crv Ed25519, x
      return encodeCbor(
        new Map<number, number | Buffer>([
          [1, 1],
          [3, COSE_ALG.EdDSA],
          [-1, 6],
          [-2, b(jwk.x)],
        ]),
      );
    case 'RS256':
      // kty RSA, alg, n, e
      return encodeCbor(
        new Map<number, number | Buffer>([
          [1, 3],
          [3, COSE_ALG.RS256],
          [-1, b(jwk.n)],
          [-2, b(jwk.e)],
        ]),
      );
  }
}

/** ES256: ASN.1 DER ECDSA; EdDSA: raw 64 bytes; RS256: RSASSA-PKCS1-v1_5 with SHA-256. */
export function signWith(key: KeyObject, algorithm: SoftwareAlgorithm, data: Buffer): Buffer {
  if (algorithm === 'EdDSA') return sign(null, data, key);
  if (algorithm === 'ES256') return sign('sha256', data, { key, dsaEncoding: 'der' });
  return sign('sha256', data, key);
}

function corrupt(signature: Buffer): Buffer {
  const copy = Buffer.from(signature);
  copy[copy.length - 1]! ^= 0x01;
  return copy;
}

function encodeClientData(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: string,
  ctx: CeremonyContext,
): Buffer {
  // Member order as Chromium serialises it: type, challenge, origin, crossOrigin, topOrigin.
  const data: Record<string, unknown> = {
    type,
    challenge: normaliseB64url(challenge),
    origin: ctx.origin,
    crossOrigin: ctx.crossOrigin ?? false,
  };
  if (ctx.topOrigin !== undefined) data.topOrigin = ctx.topOrigin;
  Object.assign(data, ctx.tamper?.clientData);
  return Buffer.from(JSON.stringify(data), 'utf8');
}

type Wrapped<T> = T | { publicKey: T };
const unwrap = <T extends object>(options: Wrapped<T>): T =>
  'publicKey' in options && typeof options.publicKey === 'object'
    ? (options.publicKey as T)
    : (options as T);

export class SoftwareAuthenticator {
  readonly aaguid: Buffer;
  private readonly credentialsById = new Map<string, StoredCredential>();
  private readonly clock: () => number;

  constructor(readonly options: SoftwareAuthenticatorOptions) {
    this.aaguid = parseAaguid(options.aaguid);
    this.clock = options.clock ?? Date.now;
  }

  /** navigator.credentials.create({ publicKey }) followed by credential.toJSON(). */
  createCredential(
    creationOptions: Wrapped<PublicKeyCredentialCreationOptionsJSON>,
    ctx: CreateContext,
  ): RegistrationResponseJSON {
    const options = unwrap(creationOptions);
    const tamper = ctx.tamper ?? {};
    const rpId = options.rp.id ?? new URL(ctx.origin).hostname;

    const offered = (options.pubKeyCredParams ?? []).map((p) => p.alg);
    const algorithm = ctx.algorithm ?? this.options.algorithm ?? this.pickAlgorithm(offered);
    if (offered.length > 0 && !offered.includes(COSE_ALG[algorithm])) {
      throw new SoftwareAuthenticatorError(
        'NotSupportedError',
        `algorithm ${algorithm} (${COSE_ALG[algorithm]}) is not in pubKeyCredParams [${offered.join(', ')}]`,
      );
    }

    if (!tamper.ignoreExcludeCredentials) {
      for (const excluded of options.excludeCredentials ?? []) {
        const held = this.credentialsById.get(normaliseB64url(excluded.id));
        if (held && held.rpId === rpId) {
          throw new SoftwareAuthenticatorError(
            'InvalidStateError',
            `authenticator already holds excluded credential ${held.id} for ${rpId}`,
          );
        }
      }
    }

    const rawId = Buffer.from(tamper.credentialId ?? randomBytes(32));
    const { privateKey, publicKey } = generateKey(algorithm);
    const credential: StoredCredential = {
      id: b64url(rawId),
      rawId,
      rpId,
      userHandle: normaliseB64url(options.user.id),
      userName: options.user.name,
      algorithm,
      privateKey,
      publicKey,
      signCount: 0,
      createdAt: this.clock(),
    };

    const cosePublicKey = coseKey(publicKey, algorithm);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(rawId.length);
    const attestedCredentialData = Buffer.concat([this.aaguid, idLength, rawId, cosePublicKey]);
    const authData = Buffer.concat([
      this.authDataHeader(rpId, FLAG.AT, tamper.signCount ?? credential.signCount, tamper),
      attestedCredentialData,
    ]);

    const clientDataJSON = encodeClientData('webauthn.create', options.challenge, ctx);
    let fmt = 'none';
    const attStmt = new Map<string, number | Buffer>();
    if (this.options.attestation === 'packed-self') {
      fmt = 'packed';
      let sig = signWith(privateKey, algorithm, Buffer.concat([authData, sha256(clientDataJSON)]));
      if (tamper.corruptSignature) sig = corrupt(sig);
      attStmt.set('alg', COSE_ALG[algorithm]);
      attStmt.set('sig', sig);
    }
    const attestationObject = encodeCbor(
      new Map<string, string | Buffer | Map<string, number | Buffer>>([
        ['fmt', fmt],
        ['attStmt', attStmt],
        ['authData', authData],
      ]),
    );

    // Stored only once the response exists, as a real authenticator would after the ceremony.
    this.credentialsById.set(credential.id, credential);

    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: [...(this.options.transports ?? ['internal', 'hybrid'])],
        publicKeyAlgorithm: COSE_ALG[algorithm],
        publicKey: b64url(publicKey.export({ type: 'spki', format: 'der' })),
      },
      authenticatorAttachment: this.options.authenticatorAttachment ?? 'platform',
      clientExtensionResults: { credProps: { rk: true } },
    };
  }

  /** navigator.credentials.get({ publicKey }) followed by credential.toJSON(). */
  getAssertion(
    requestOptions: Wrapped<PublicKeyCredentialRequestOptionsJSON>,
    ctx: GetContext,
  ): AuthenticationResponseJSON {
    const options = unwrap(requestOptions);
    const tamper = ctx.tamper ?? {};
    const rpId = options.rpId ?? new URL(ctx.origin).hostname;
    const credential = this.findCredential(rpId, options.allowCredentials ?? [], ctx.credentialId);

    if (this.options.signCounter === 'increment') credential.signCount += 1;
    credential.lastUsedAt = this.clock();
    const authData = this.authDataHeader(rpId, 0, tamper.signCount ?? credential.signCount, tamper);
    const clientDataJSON = encodeClientData('webauthn.get', options.challenge, ctx);
    let signature = signWith(
      credential.privateKey,
      credential.algorithm,
      Buffer.concat([authData, sha256(clientDataJSON)]),
    );
    if (tamper.corruptSignature) signature = corrupt(signature);

    const userHandle = tamper.userHandle === undefined ? credential.userHandle : tamper.userHandle;
    const id = tamper.responseCredentialId ?? credential.id;
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle === null ? {} : { userHandle }),
      },
      authenticatorAttachment: this.options.authenticatorAttachment ?? 'platform',
      clientExtensionResults: {},
    };
  }

  /** All credentials, oldest first. */
  listCredentials(): StoredCredential[] {
    return [...this.credentialsById.values()];
  }

  getCredential(id: string): StoredCredential | undefined {
    return this.credentialsById.get(normaliseB64url(id));
  }

  removeCredential(id: string): boolean {
    return this.credentialsById.delete(normaliseB64url(id));
  }

  /** Set the stored counter (e.g. lower it to simulate a cloned authenticator). */
  setSignCount(id: string, signCount: number): void {
    const credential = this.getCredential(id);
    if (!credential) throw new Error(`no credential ${id}`);
    credential.signCount = signCount;
  }

  private pickAlgorithm(offered: number[]): SoftwareAlgorithm {
    if (offered.length === 0) return 'ES256';
    const byId = new Map(Object.entries(COSE_ALG).map(([name, id]) => [id, name]));
    for (const alg of offered) {
      const name = byId.get(alg);
      if (name) return name as SoftwareAlgorithm;
    }
    throw new SoftwareAuthenticatorError(
      'NotSupportedError',
      `none of pubKeyCredParams [${offered.join(', ')}] is supported (ES256, EdDSA, RS256)`,
    );
  }

  private findCredential(
    rpId: string,
    allow: { id: string }[],
    preferred: string | undefined,
  ): StoredCredential {
    const allowed = new Set(allow.map((c) => normaliseB64url(c.id)));
    const candidates = this.listCredentials()
      .filter((c) => c.rpId === rpId && (allowed.size === 0 || allowed.has(c.id)))
      .reverse();
    const chosen = preferred
      ? candidates.find((c) => c.id === normaliseB64url(preferred))
      : candidates[0];
    if (!chosen) {
      const what =
        allowed.size === 0
          ? 'no discoverable credential'
          : `none of the ${allowed.size} allowed credential(s)`;
      throw new SoftwareAuthenticatorError(
        'NotAllowedError',
        `software authenticator: ${what} for RP ID ${rpId}${preferred ? ` matching ${preferred}` : ''} (holds ${this.credentialsById.size} credential(s))`,
      );
    }
    return chosen;
  }

  /** rpIdHash (32) | flags (1) | signCount (4, big-endian). */
  private authDataHeader(
    rpId: string,
    extraFlags: number,
    signCount: number,
    tamper: Tamper,
  ): Buffer {
    const be = this.options.backupEligible ?? true;
    const bs = this.options.backupState ?? be;
    const uv = this.options.userVerification ?? true;
    let flags = FLAG.UP | extraFlags;
    if (uv) flags |= FLAG.UV;
    if (be) flags |= FLAG.BE;
    if (bs) flags |= FLAG.BS;
    const set = (bit: number, on: boolean | undefined) => {
      if (on === true) flags |= bit;
      if (on === false) flags &= ~bit;
    };
    set(FLAG.UP, tamper.flags?.up);
    set(FLAG.UV, tamper.flags?.uv);
    set(FLAG.BE, tamper.flags?.be);
    set(FLAG.BS, tamper.flags?.bs);
    const header = Buffer.alloc(37);
    sha256(tamper.rpIdHashOf ?? rpId).copy(header, 0);
    header[32] = flags;
    header.writeUInt32BE(signCount >>> 0, 33);
    return header;
  }
}

export function createSoftwareAuthenticator(
  options: SoftwareAuthenticatorOptions = { signCounter: 'increment' },
): SoftwareAuthenticator {
  return new SoftwareAuthenticator(options);
}

/** A fresh random base64url string, handy as a wrong challenge or user handle. */
export function randomBase64url(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random UUID, handy as an AAGUID. */
export const randomAaguid = (): string => randomUUID();
