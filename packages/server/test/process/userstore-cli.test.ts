import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { after, before, test } from 'node:test';
import { createCertificateAuthority, issueClientCertificate } from '../../src/core/certs/x509.js';
import { runCli, runCliJson, type StartedServer, startLatchkey } from '../support/cli.js';
import {
  createTestDatabaseLocation,
  describeEachDatabase,
  type TestDatabaseLocation,
} from '../support/databases.js';

interface Files {
  cert: string;
  key: string;
  ca: string;
}

/** One HTTPS request to the User store listener with the given PEM files. */
function request(url: string, files: Files, method: string, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const target = new URL(url);
    const call = https.request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port: target.port,
        path: target.pathname,
        method,
        cert: readFileSync(files.cert),
        key: readFileSync(files.key),
        ca: readFileSync(files.ca),
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

describeEachDatabase('latchkey start: the User store listener; latchkey certs', (kind) => {
  let database: TestDatabaseLocation;
  let server: StartedServer | undefined;
  before(async () => {
    database = await createTestDatabaseLocation(kind);
  });
  after(async () => {
    await server?.stop('SIGKILL');
    await database.cleanup();
  });

  test('the first start prints a curl line that works; certs client, list, revoke, register', async () => {
    const env = database.env;
    server = await startLatchkey([], { env });
    const line = /curl --cert (\S+) --key (\S+) --cacert (\S+) -d '([^']+)' (https:\/\/\S+)/.exec(
      server.stdout(),
    );
    assert.ok(line, server.stdout());
    const [, cert, key, ca, body, url] = line as unknown as string[];
    const files = { cert: cert!, key: key!, ca: ca! };
    const created = await request(url!, files, 'POST', body);
    assert.equal(created.status, 201, created.body);
    assert.equal((await request(url!, files, 'POST', body)).status, 409);
    const projectId = /Project ID\s+(\S+)/.exec(server.stdout())?.[1] ?? '';
    const base = url!.replace(/\/users\/$/, '');

    const listed = await runCliJson<{ fingerprint: string; source: string }[]>(
      ['certs', 'list', '--project', projectId, '--json'],
      { env },
    );
    assert.equal(listed.length, 1);
    assert.equal(listed[0]?.source, 'issued');

    const out = `${database.dataDir}/more-certs`;
    const issued = await runCliJson<{ fingerprint: string; cert: string; key: string; ca: string }>(
      ['certs', 'client', '--project', projectId, '--out', out, '--json'],
      { env },
    );
    const second = { cert: issued.cert, key: issued.key, ca: issued.ca };
    const userId = JSON.parse(created.body).id as string;
    assert.equal((await request(`${base}/users/${userId}`, second, 'GET')).status, 200);

    const revoked = await runCli(['certs', 'revoke', issued.fingerprint], { env });
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal((await request(`${base}/users/${userId}`, second, 'GET')).status, 403);
    // The first certificate still works.
    assert.equal((await request(`${base}/users/${userId}`, files, 'GET')).status, 200);

    // register: the CN must be the project ID.
    const otherCa = await createCertificateAuthority(Date.now(), 'Org CA');
    const wrongCn = await issueClientCertificate(otherCa, Date.now(), 'pro-1');
    const wrongFile = `${database.dataDir}/wrong.pem`;
    writeFileSync(wrongFile, wrongCn.certPem);
    const refused = await runCli(['certs', 'register', '--project', projectId, wrongFile], { env });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /CN/);
    const right = await issueClientCertificate(otherCa, Date.now(), projectId);
    const rightFile = `${database.dataDir}/right.pem`;
    writeFileSync(rightFile, right.certPem);
    const registered = await runCliJson<{ fingerprint: string }>(
      ['certs', 'register', '--project', projectId, rightFile, '--json'],
      { env },
    );
    assert.match(registered.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(
      (await runCliJson<unknown[]>(['certs', 'list', '--project', projectId, '--json'], { env }))
        .length,
      3,
    );
  });

  test('a restart keeps the certificates: the same curl line still works', async () => {
    await server?.stop();
    server = await startLatchkey([], { env: database.env });
    const line = /curl --cert (\S+) --key (\S+) --cacert (\S+) -d '([^']+)' (https:\/\/\S+)/.exec(
      server.stdout(),
    );
    assert.ok(line);
    const [, cert, key, ca, , url] = line as unknown as string[];
    const response = await request(url!, { cert: cert!, key: key!, ca: ca! }, 'POST', '{');
    assert.equal(response.status, 400, response.body);
  });
});

test('latchkey certs --help lists client, register, list, revoke', async () => {
  const help = await runCli(['certs', '--help']);
  assert.equal(help.code, 0);
  for (const command of ['client', 'register', 'list', 'revoke']) {
    assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
  }
});
