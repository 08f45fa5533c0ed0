import { Type } from 'typebox';
import { StringEnum } from '../../../schemas/common.schema.js';
import { ClientInformation } from '../events/event.schema.js';

export { ClientInformation };

/** Bodies are checked for shape here; core checks lengths, formats and the WebAuthn data. */
const text = (description?: string) => Type.String(description ? { description } : {});

export const CrossDeviceAuthenticationStrategy = StringEnum([
  'standard',
  'minimize',
  'maximize',
] as const);

export const PasskeyIntelFlags = Type.Object({
  forcePasskeyAppend: Type.Boolean(),
  askForAutoAppend: Type.Optional(Type.Boolean()),
});

/** backend_api.yml `aaguidDetails`. */
export const AaguidDetails = Type.Object({
  aaguid: Type.String(),
  name: Type.String(),
  iconLight: Type.String(),
  iconDark: Type.String(),
});

/** backend_api.yml `passkeyData`. */
export const PasskeyData = Type.Object({
  id: Type.String(),
  userID: Type.String(),
  username: Type.String(),
  ceremonyType: StringEnum(['local', 'cda', 'security-key'] as const),
  challengeID: Type.String(),
  aaguidDetails: AaguidDetails,
});

const DecisionTag = Type.String();

/** backend_api.yml `detectionInsights`. */
export const DetectionInsights = Type.Object({
  tags: Type.Array(Type.Object({ category: Type.String(), name: Type.String() })),
  credentialIds: Type.Array(Type.String()),
  clientEnvIds: Type.Array(Type.String()),
  isCDACandidate: Type.Boolean(),
  passwordManagerIds: Type.Array(Type.String()),
  historyData: Type.Object({
    defaultCount: Type.Integer(),
    afterErrorCount: Type.Integer(),
    afterHybridCount: Type.Integer(),
    autoCount: Type.Integer(),
    defaultCooldown: Type.Boolean(),
    afterErrorCooldown: Type.Boolean(),
    afterHybridCooldown: Type.Boolean(),
    autoCooldown: Type.Boolean(),
  }),
});

/** backend_api.yml `decisionInsights`. */
export const DecisionInsights = Type.Object({
  tag: DecisionTag,
  isCDACandidate: Type.Boolean(),
  experiments: Type.Array(Type.String()),
  preferImmediatelyAvailable: Type.Optional(Type.Boolean()),
});

/** backend_api.yml `decisionInsightsAppend`. */
export const DecisionInsightsAppend = Type.Object({
  tag: DecisionTag,
  isRestrictedBrowser: Type.Boolean(),
  variant: Type.String(),
  auto: Type.Boolean(),
});

export const AppendStartBody = Type.Object({
  userID: text('Format: usr-<number>'),
  processID: text(),
  username: text('The name the passkey is created for (shown by authenticators)'),
  clientInformation: ClientInformation,
  passkeyIntelFlags: PasskeyIntelFlags,
});

export const AppendStartResponse = Type.Object({
  appendAllow: Type.Boolean(),
  attestationOptions: Type.String({
    description: 'JSON text: {"publicKey":{…}}; empty when appendAllow is false',
  }),
  detectionInsights: DetectionInsights,
  decisionInsights: DecisionInsightsAppend,
});

export const AppendFinishBody = Type.Object({
  userID: text('Format: usr-<number>'),
  processID: text(),
  attestationResponse: text('JSON text of the browser’s PublicKeyCredential (credential.toJSON())'),
  clientInformation: ClientInformation,
  sendNotification: Type.Optional(Type.Boolean()),
  trackingID: text(),
});

export const PasskeyDataResponse = Type.Object({ passkeyData: PasskeyData });

export const LoginStartBody = Type.Object({
  userID: text('Format: usr-<number>'),
  clientInformation: ClientInformation,
  crossDeviceAuthenticationStrategy: CrossDeviceAuthenticationStrategy,
  processID: text(),
});

export const LoginStartResponse = Type.Object({
  loginAllow: Type.Boolean(),
  assertionOptions: Type.String({ description: 'JSON text: {"publicKey":{…}}' }),
  detectionInsights: DetectionInsights,
  decisionInsights: DecisionInsights,
});

export const LoginFinishBody = Type.Object({
  userID: text('Format: usr-<number>'),
  assertionResponse: text('JSON text of the browser’s PublicKeyCredential (credential.toJSON())'),
  clientInformation: ClientInformation,
  processID: text(),
  signPasskeyData: Type.Optional(Type.Boolean()),
  trackingID: text(),
});

export const LoginFinishResponse = Type.Object({
  passkeyData: PasskeyData,
  signedPasskeyData: Type.Optional(Type.String()),
});

export const MediationStartBody = Type.Object({ clientInformation: ClientInformation });

export const MediationStartResponse = Type.Object({
  loginAllow: Type.Boolean(),
  assertionOptions: Type.String({
    description: 'JSON text: {"publicKey":{…}}, empty allowCredentials',
  }),
});

export const MediationFinishBody = Type.Object({
  assertionResponse: text('JSON text of the browser’s PublicKeyCredential (credential.toJSON())'),
  clientInformation: ClientInformation,
  processID: text(),
  signPasskeyData: Type.Optional(Type.Boolean()),
  trackingID: text(),
});

export const MediationFinishResponse = Type.Object({
  passkeyData: PasskeyData,
  signedPasskeyData: Type.Optional(Type.String()),
  error: Type.Optional(
    Type.Object({
      type: Type.String(),
      alternativeProjectName: Type.Optional(Type.String()),
    }),
  ),
});

export const VerifySignedDataBody = Type.Object({
  signedPasskeyData: text(),
  username: text(),
});

export const VerifySignedDataResponse = Type.Object({
  verificationResult: StringEnum([
    'success',
    'invalid_signature',
    'invalid_challenge',
    'user_mismatch',
    'generic_error',
  ] as const),
});
