import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createCertificate } from './certificate.mjs';

const originalPath = process.env.PATH;

afterEach(() => {
  process.env.PATH = originalPath;
});

describe('createCertificate', () => {
  it('makes a certificate for the loopback names', async () => {
    const { key, cert } = await createCertificate();
    const certificate = new X509Certificate(cert);

    expect(key).toContain('PRIVATE KEY');
    expect(certificate.subject).toBe('CN=localhost');
    expect(certificate.subjectAltName).toContain('DNS:localhost');
    expect(certificate.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  it('says when openssl is missing', async () => {
    process.env.PATH = '/nonexistent';
    await expect(createCertificate()).rejects.toThrow(/openssl was not found on PATH/);
  });
});
