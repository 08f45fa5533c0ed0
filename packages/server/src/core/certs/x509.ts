import { webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const dayMs = 86_400_000;

/** A certificate and its private key, both PEM (the key PKCS#8). */
export interface CertificatePair {
  certPem: string;
  keyPem: string;
}

/** What a certificate says about itself, read with node:crypto. */
export interface CertificateFacts {
  /** SHA-256 of the DER certificate, lower-case hex without colons. */
  fingerprint: string;
  /** The subject's common name, or undefined when it has none. */
  commonName: string | undefined;
  notAfter: number;
}

/** Creates a self-signed ECDSA P-256 CA for the dev User store listener (10 years). */
export async function createCertificateAuthority(
  now: number,
  commonName = 'Latchkey dev CA',
): Promise<CertificatePair> {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [commonName] }],
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 3650 * dayMs),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

/** Issues a TLS server certificate for the given DNS names and IP addresses (2 years). */
export function issueServerCertificate(
  ca: CertificatePair,
  now: number,
  names: { dns: string[]; ips: string[] },
): Promise<CertificatePair> {
  return issue(ca, now, {
    commonName: names.dns[0] ?? names.ips[0] ?? 'localhost',
    days: 730,
    usage: x509.ExtendedKeyUsage.serverAuth,
    altNames: [
      ...names.dns.map((value) => ({ type: 'dns' as const, value })),
      ...names.ips.map((value) => ({ type: 'ip' as const, value })),
    ],
  });
}

/** Issues a TLS client certificate whose subject CN is the project ID (2 years). */
export function issueClientCertificate(
  ca: CertificatePair,
  now: number,
  projectId: string,
): Promise<CertificatePair> {
  return issue(ca, now, {
    commonName: projectId,
    days: 730,
    usage: x509.ExtendedKeyUsage.clientAuth,
    altNames: [],
  });
}

/**
 * Reads a PEM certificate's fingerprint, subject CN and expiry.
 * @returns undefined when the text is not one PEM certificate.
 */
export function readCertificate(pem: string): CertificateFacts | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return undefined;
  }
  return {
    fingerprint: fingerprintOf(cert.raw),
    commonName: commonNameOf(cert.subject),
    notAfter: Date.parse(cert.validTo),
  };
}

/** SHA-256 of DER bytes as lower-case hex, the form fingerprints are stored in. */
export function fingerprintOf(der: Buffer): string {
  return new X509Certificate(der).fingerprint256.replaceAll(':', '').toLowerCase();
}

/** The CN of a subject in node's `key=value` lines form. */
export function commonNameOf(subject: string): string | undefined {
  const line = subject.split('\n').find((entry) => entry.startsWith('CN='));
  return line?.slice(3);
}

async function issue(
  ca: CertificatePair,
  now: number,
  options: {
    commonName: string;
    days: number;
    usage: string;
    altNames: { type: 'dns' | 'ip'; value: string }[];
  },
): Promise<CertificatePair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importKey(ca.keyPem);
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([options.usage], false),
    await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
  ];
  if (options.altNames.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.altNames, false));
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: [{ CN: [options.commonName] }],
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + options.days * dayMs),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: algorithm,
    extensions,
  });
  return { certPem: cert.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}

function serialNumber(): string {
  // 16 random bytes with the top bit clear: a positive serial (RFC 5280 §4.1.2.2).
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}
