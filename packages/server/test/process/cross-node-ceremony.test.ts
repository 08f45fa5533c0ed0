import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicAuthHeader, parseStartBanner, startLatchkey } from '../support/cli.js';
import { createTestDatabaseLocation, describeEachDatabase } from '../support/databases.js';
import { clientInformation } from '../support/passkey-client.js';
import { createSoftwareAuthenticator } from '../support/webauthn/software-authenticator.js';

describeEachDatabase('passkey ceremonies across two server processes', (kind) => {
  test('a registration and a login started on one node finish on the other', async (t) => {
    const database = await createTestDatabaseLocation(kind);
    t.after(() => database.cleanup());
    const env = { ...database.env, LATCHKEY_LOG_LEVEL: 'warn' };
    const first = await startLatchkey([], { env });
    t.after(() => first.stop('SIGKILL'));
    const banner = parseStartBanner(first.stdout());
    const second = await startLatchkey([], { env });
    t.after(() => second.stop('SIGKILL'));
    assert.notEqual(first.baseUrl, second.baseUrl);

    const authorization = basicAuthHeader(banner.projectId, banner.apiSecret as string);
    const post = async (baseUrl: string, path: string, body: unknown) => {
      const response = await fetch(`${baseUrl}/v2${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      assert.equal(response.status, 200, `${path}: ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    // The default project's origin is the first node's public URL.
    const origin = new URL(banner.frontendApiUrl).origin;
    const authenticator = createSoftwareAuthenticator({ signCounter: 'increment' });
    const { userID } = (await post(first.baseUrl, '/users', {
      fullName: 'Two Nodes',
      status: 'active',
    })) as {
      userID: string;
    };

    const appendStart = await post(first.baseUrl, '/passkey/append/start', {
      userID,
      processID: 'cross-node',
      username: 'two@example.com',
      clientInformation: clientInformation(),
      passkeyIntelFlags: { forcePasskeyAppend: true },
    });
    const credential = authenticator.createCredential(
      JSON.parse(appendStart.attestationOptions as string),
      {
        origin,
      },
    );
    const appended = await post(second.baseUrl, '/passkey/append/finish', {
      userID,
      processID: 'cross-node',
      attestationResponse: JSON.stringify(credential),
      clientInformation: clientInformation(),
      trackingID: 't',
    });
    const passkeyId = (appended.passkeyData as { id: string }).id;

    const loginStart = await post(second.baseUrl, '/passkey/login/start', {
      userID,
      clientInformation: clientInformation(),
      crossDeviceAuthenticationStrategy: 'standard',
      processID: 'cross-node-login',
    });
    const assertion = authenticator.getAssertion(
      JSON.parse(loginStart.assertionOptions as string),
      { origin },
    );
    const loggedIn = await post(first.baseUrl, '/passkey/login/finish', {
      userID,
      assertionResponse: JSON.stringify(assertion),
      clientInformation: clientInformation(),
      processID: 'cross-node-login',
      trackingID: 't',
      signPasskeyData: true,
    });
    assert.equal((loggedIn.passkeyData as { id: string }).id, passkeyId);
    // Signed on the first node, verified (and consumed) on the second, refused on the first.
    const signedPasskeyData = loggedIn.signedPasskeyData as string;
    const verified = await post(second.baseUrl, '/passkey/verifySignedData', {
      signedPasskeyData,
      username: 'two@example.com',
    });
    assert.equal(verified.verificationResult, 'success');
    const reused = await post(first.baseUrl, '/passkey/verifySignedData', {
      signedPasskeyData,
      username: 'two@example.com',
    });
    assert.equal(reused.verificationResult, 'invalid_challenge');
  });
});
