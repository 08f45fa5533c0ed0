import type { RunningServer } from '../server/start-server.js';
import type { DatabaseHandle } from '../store/database.js';

/**
 * What `latchkey start` prints: where it listens, the URLs, the project, where data lives,
 * and on the first start the API secret (shown this once) with a curl line that works.
 */
export function formatStartBanner(
  server: RunningServer,
  database: DatabaseHandle,
  json: boolean,
): string {
  const { project, created } = server.defaultProject;
  const secretForCurl = created ? created.apiSecret : '<API secret>';
  const curl = `curl -u ${project.id}:${secretForCurl} ${server.publicUrl}/v2/users`;
  const userstoreCurl = formatUserstoreCurl(server);
  const dataLocation =
    database.dialect === 'sqlite'
      ? `${database.location} (SQLite)`
      : `${database.location} (PostgreSQL)`;
  if (json) {
    return `${JSON.stringify({
      // The same line as the readable banner, so one pattern finds the address either way.
      message: `Latchkey listening on ${server.listenUrl}`,
      listening: server.listenUrl,
      backendApiUrl: server.publicUrl,
      frontendApiUrl: project.frontendApiUrl ?? server.publicUrl,
      projectID: project.id,
      apiSecret: created?.apiSecret,
      database: dataLocation,
      metrics: server.metricsUrl,
      userstoreApiUrl: server.userstore.url,
      userstoreCurl,
      curl,
    })}\n`;
  }
  const lines = [
    '',
    `Latchkey listening on ${server.listenUrl}`,
    '',
    `  Backend API   ${server.publicUrl}   (HTTP Basic: project ID and API secret)`,
    `  Frontend API  ${project.frontendApiUrl ?? server.publicUrl}`,
    `  API docs      ${server.publicUrl}/docs`,
    `  User store    ${server.userstore.url}   (mutual TLS: a client certificate, \`latchkey certs\`)`,
    `  Project ID    ${project.id}   (${project.name})`,
    `  Data          ${dataLocation}`,
  ];
  if (server.metricsUrl) lines.push(`  Metrics       ${server.metricsUrl}`);
  if (server.migrationsApplied.length > 0) {
    lines.push(`  Migrations    applied ${server.migrationsApplied.length}`);
  }
  lines.push('');
  if (created) {
    lines.push(
      'First start: created the default project and an API secret.',
      'The API secret is shown ONLY NOW. Store it somewhere safe:',
      '',
      `  API secret    ${created.apiSecret}`,
      '',
    );
  } else {
    lines.push(
      'The API secret was shown on the first start. To make a new one:',
      `  npx latchkey secret create --project ${project.id}`,
      '',
    );
  }
  // The Backend API's curl line stays last: it is how scripts know the banner is complete.
  lines.push('Try it:', `  ${userstoreCurl}`, `  ${curl}`, '');
  return `${lines.join('\n')}\n`;
}

/**
 * A curl line that creates a user through the User store API: with the dev CA, the default
 * project's client certificate from the data dir; with the operator's own, placeholders.
 */
function formatUserstoreCurl(server: RunningServer): string {
  const { userstore } = server;
  const cert = userstore.clientCertPath ?? '<client.pem>';
  const key = userstore.clientKeyPath ?? '<client.key>';
  const ca = userstore.caPath ?? '<ca.pem>';
  const body = '{"email":"ada@example.com","password":"correct-horse"}';
  return `curl --cert ${cert} --key ${key} --cacert ${ca} -d '${body}' ${userstore.url}/users/`;
}
