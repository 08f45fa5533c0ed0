/*
 * WebAuthn between the Frontend API's JSON (`{"publicKey": …}` as text, base64url binaries)
 * and navigator.credentials. Uses the browser's own parse*OptionsFromJSON and toJSON
 * (WebAuthn L3 §5.1.9, §5.1.10) where it has them, else a small base64url shim.
 */

type Json = Record<string, unknown>;

function fromBase64url(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function toBase64url(buffer: ArrayBuffer | ArrayBufferView | null | undefined): string {
  if (!buffer) return '';
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface PkcStatics {
  parseCreationOptionsFromJSON?: (options: Json) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (options: Json) => PublicKeyCredentialRequestOptions;
  isConditionalMediationAvailable?: () => Promise<boolean>;
  signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void>;
  signalAllAcceptedCredentials?: (options: {
    rpId: string;
    userId: string;
    allCredentialIds: string[];
  }) => Promise<void>;
  signalCurrentUserDetails?: (options: {
    rpId: string;
    userId: string;
    name: string;
    displayName: string;
  }) => Promise<void>;
}

/** The browser's PublicKeyCredential with the newer static methods typed (all optional). */
export function pkc(): PkcStatics | undefined {
  return globalThis.PublicKeyCredential as unknown as PkcStatics | undefined;
}

/** Whether this browser has WebAuthn at all. */
export function hasWebauthn(): boolean {
  return pkc() !== undefined && typeof navigator.credentials?.create === 'function';
}

/** The `publicKey` member of the server's options text. */
export function publicKeyOf(optionsText: string): Json {
  const parsed = JSON.parse(optionsText) as { publicKey?: Json };
  return parsed.publicKey ?? (parsed as Json);
}

function creationOptions(json: Json): PublicKeyCredentialCreationOptions {
  const parse = pkc()?.parseCreationOptionsFromJSON;
  if (parse) return parse(json);
  const user = json.user as Json;
  return {
    ...(json as object),
    challenge: fromBase64url(String(json.challenge)),
    user: { ...(user as object), id: fromBase64url(String(user.id)) },
    excludeCredentials: ((json.excludeCredentials as Json[] | undefined) ?? []).map((item) => ({
      ...(item as object),
      id: fromBase64url(String(item.id)),
    })),
  } as PublicKeyCredentialCreationOptions;
}

function requestOptions(json: Json): PublicKeyCredentialRequestOptions {
  const parse = pkc()?.parseRequestOptionsFromJSON;
  if (parse) return parse(json);
  return {
    ...(json as object),
    challenge: fromBase64url(String(json.challenge)),
    allowCredentials: ((json.allowCredentials as Json[] | undefined) ?? []).map((item) => ({
      ...(item as object),
      id: fromBase64url(String(item.id)),
    })),
  } as PublicKeyCredentialRequestOptions;
}

function credentialJson(credential: PublicKeyCredential): string {
  const withJson = credential as PublicKeyCredential & { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return JSON.stringify(withJson.toJSON());
  const response = credential.response as AuthenticatorAttestationResponse &
    AuthenticatorAssertionResponse;
  return JSON.stringify({
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      ...(response.attestationObject && {
        attestationObject: toBase64url(response.attestationObject),
        transports: response.getTransports?.() ?? [],
      }),
      ...(response.authenticatorData && {
        authenticatorData: toBase64url(response.authenticatorData),
        signature: toBase64url(response.signature),
        userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined,
      }),
    },
  });
}

/**
 * Creates a passkey from the server's creation options (JSON text); `displayName` replaces the
 * options' `user.displayName`, so the passkey carries the name the person chose on the page
 * (the server checks the challenge, origin and RP ID, not the user entity). Answers the
 * credential as JSON text.
 */
export async function createPasskey(optionsText: string, displayName?: string): Promise<string> {
  const json = publicKeyOf(optionsText);
  if (displayName) json.user = { ...(json.user as Json), displayName };
  const credential = (await navigator.credentials.create({
    publicKey: creationOptions(json),
  })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('no credential', 'NotAllowedError');
  return credentialJson(credential);
}

/**
 * Signs the server's request options (JSON text) with a passkey; with `conditional`, as
 * autofill (WebAuthn §5.1.4 mediation "conditional") until `signal` aborts it. Answers the
 * assertion as JSON text.
 */
export async function getPasskey(
  optionsText: string,
  options: { conditional?: boolean; signal?: AbortSignal } = {},
): Promise<string> {
  const credential = (await navigator.credentials.get({
    publicKey: requestOptions(publicKeyOf(optionsText)),
    ...(options.conditional && { mediation: 'conditional' as CredentialMediationRequirement }),
    ...(options.signal && { signal: options.signal }),
  })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('no credential', 'NotAllowedError');
  return credentialJson(credential);
}

/** Whether an error from navigator.credentials means the person cancelled (or it timed out). */
export function isCancelled(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'NotAllowedError' || error.name === 'AbortError')
  );
}

/**
 * Runs one WebAuthn Signal API call (WebAuthn L3 §5.1.10) where the browser has it, so
 * password managers drop or update what the server no longer knows. Failures are ignored:
 * the signal is advice to the credential manager, never part of the flow.
 */
export async function signal<K extends keyof PkcStatics>(
  method: K,
  options: Parameters<NonNullable<PkcStatics[K]>>[0],
): Promise<boolean> {
  const fn = pkc()?.[method] as ((options: unknown) => Promise<unknown>) | undefined;
  if (typeof fn !== 'function') return false;
  try {
    await fn.call(globalThis.PublicKeyCredential, options);
    return true;
  } catch {
    return false;
  }
}
