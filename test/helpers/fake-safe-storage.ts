import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AsyncSafeStorage } from '../../src-main/electron/key-store';

/** Stands in for the OS key store: AES-GCM under a secret the test never writes to disk. */
export function fakeSafeStorage(options: { backend?: string; available?: boolean } = {}) {
  const secrets = [randomBytes(32)];
  const fake = {
    backend: options.backend ?? 'gnome_libsecret',
    available: options.available ?? true,
    failDecrypt: false,
    encryptCalls: 0,
    /** Simulates the OS rotating its key: older wrappings still open but ask to be redone. */
    rotate() {
      secrets.push(randomBytes(32));
    },
    async isAsyncEncryptionAvailable() {
      return fake.available;
    },
    getSelectedStorageBackend() {
      return fake.backend;
    },
    async encryptStringAsync(plainText: string) {
      fake.encryptCalls += 1;
      const generation = secrets.length - 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secrets[generation]!, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([generation]), iv, cipher.getAuthTag(), body]);
    },
    async decryptStringAsync(encrypted: Buffer) {
      if (fake.failDecrypt)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const generation = encrypted[0]!;
      const decipher = createDecipheriv('aes-256-gcm', secrets[generation]!, encrypted.subarray(1, 13));
      decipher.setAuthTag(encrypted.subarray(13, 29));
      const result = Buffer.concat([decipher.update(encrypted.subarray(29)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: generation < secrets.length - 1 };
    },
  };
  return fake satisfies AsyncSafeStorage;
}
