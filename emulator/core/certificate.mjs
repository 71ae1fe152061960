// A self-signed TLS certificate made at start with openssl, valid for localhost, 127.0.0.1 and ::1.
// openssl writes it into a fresh temporary directory, which is deleted as soon as the PEM text is
// read, so a process killed without cleanup leaves no private key behind. Nothing is committed.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Creates the key and certificate. Resolves to `{ key, cert }` (PEM text). */
export async function createCertificate() {
  const directory = await mkdtemp(join(tmpdir(), 'sds-emulator-tls-'));
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  const remove = () => rm(directory, { recursive: true, force: true });

  try {
    await execFileAsync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30',
      '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '-keyout', keyPath, '-out', certPath,
    ]);
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { key, cert };
  } catch (error) {
    if (error.code === 'ENOENT' && String(error.syscall).startsWith('spawn')) {
      throw new Error(
        'openssl was not found on PATH, so the emulator cannot make its TLS certificate. Install OpenSSL (Debian: apt-get install openssl) and start again.',
        { cause: error },
      );
    }
    throw new Error(`openssl failed to create the TLS certificate: ${error.stderr || error.message}`, {
      cause: error,
    });
  } finally {
    await remove();
  }
}
