import type { ProjectRecord } from '../../store/project.store.js';

/**
 * A project's WebAuthn policy. Stored as JSON (`projects.webauthn_settings`); a member that is
 * absent takes the default below, so older rows and new settings need no migration.
 */
export interface WebauthnSettings {
  /** `authenticatorSelection.userVerification` and whether UV is required on finish. */
  userVerification: 'required' | 'preferred' | 'discouraged';
  /** Attestation conveyance asked for on registration. */
  attestation: 'none' | 'indirect' | 'direct' | 'enterprise';
  /** `authenticatorSelection.residentKey` (passkeys are discoverable: 'required'). */
  residentKey: 'required' | 'preferred' | 'discouraged';
  /** `authenticatorSelection.authenticatorAttachment`, or null to allow both. */
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
  /** COSE algorithms offered in `pubKeyCredParams`, in order of preference. */
  algorithms: number[];
  /** Client timeout (ms) in the options; a challenge lives at least this long. */
  timeoutMs: number;
  /** Accept `clientDataJSON.crossOrigin: true` (a ceremony in a cross-origin iframe). */
  allowCrossOrigin: boolean;
  /** `topOrigin` values accepted when cross-origin ceremonies are allowed. */
  allowedTopOrigins: string[];
  /** Origins `/.well-known/webauthn` lists (WebAuthn related origin requests). */
  relatedOrigins: string[];
}

export const defaultWebauthnSettings: WebauthnSettings = {
  userVerification: 'preferred',
  attestation: 'none',
  residentKey: 'required',
  authenticatorAttachment: null,
  // ES256, EdDSA, RS256: what platform authenticators and security keys use today.
  algorithms: [-7, -8, -257],
  timeoutMs: 300_000,
  allowCrossOrigin: false,
  allowedTopOrigins: [],
  relatedOrigins: [],
};

/** Everything a ceremony needs to know about the relying party, resolved from the project. */
export interface RelyingParty extends WebauthnSettings {
  projectId: string;
  id: string;
  name: string;
  /** Web origins (`https://…`) and Android origins (`android:apk-key-hash:…`). */
  origins: string[];
}

/** The project's relying party: its RP ID, name, origins and policy with defaults filled in. */
export function relyingPartyOf(project: ProjectRecord): RelyingParty {
  const firstOrigin = project.allowedOrigins.find((origin) => /^https?:/.test(origin));
  return {
    ...defaultWebauthnSettings,
    ...project.webauthn,
    projectId: project.id,
    id: project.rpId ?? (firstOrigin ? hostnameOf(firstOrigin) : 'localhost'),
    name: project.rpName ?? project.name,
    origins: project.allowedOrigins,
  };
}

/** Host names of origins already parsed: URL parsing was a visible cost of every ceremony. */
const hostnames = new Map<string, string>();

function hostnameOf(origin: string): string {
  let hostname = hostnames.get(origin);
  if (hostname === undefined) {
    hostname = new URL(origin).hostname;
    if (hostnames.size >= 10_000) hostnames.clear();
    hostnames.set(origin, hostname);
  }
  return hostname;
}
