import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
  randomBytes,
  scrypt,
} from 'node:crypto';
import { promisify } from 'node:util';

const generateRsa = promisify(generateKeyPair);

/** How the key that seals a replay key is derived from the passphrase: scrypt, memory-hard. */
export interface ReplayKdf {
  name: 'scrypt';
  /** log2 of scrypt's N; 17 (128 MiB with r = 8) by default. */
  logN: number;
  r: number;
  p: number;
  /** 16 random bytes, base64. */
  salt: string;
}

/** A replay key as stored: the public half in the clear, the private half sealed. */
export interface SealedReplayKey {
  publicKey: string;
  sealedPrivateKey: string;
  kdf: ReplayKdf;
}

function derive(passphrase: string, kdf: ReplayKdf): Promise<Buffer> {
  const N = 2 ** kdf.logN;
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

function seal(privateKeyDer: Buffer, kek: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  const body = Buffer.concat([cipher.update(privateKeyDer), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

function unseal(sealed: string, kek: Buffer): Buffer | undefined {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', kek, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
  } catch {
    return undefined;
  }
}

const newKdf = (logN: number): ReplayKdf => ({
  name: 'scrypt',
  logN,
  r: 8,
  p: 1,
  salt: randomBytes(16).toString('base64'),
});

/**
 * A new replay key pair for a portal (MC-13): RSA-3072, the private half sealed (AES-256-GCM) under
 * a key derived from the passphrase. Neither the passphrase nor the derived key is returned or kept.
 */
export async function createReplayKey(passphrase: string, logN: number): Promise<SealedReplayKey> {
  const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 3072 });
  const kdf = newKdf(logN);
  const kek = await derive(passphrase, kdf);
  try {
    return {
      publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      sealedPrivateKey: seal(privateKey.export({ type: 'pkcs8', format: 'der' }), kek),
      kdf,
    };
  } finally {
    kek.fill(0);
  }
}

/** The private half of a replay key, or `undefined` when the passphrase is not the one that sealed it. */
export async function unlockReplayKey(
  key: Pick<SealedReplayKey, 'sealedPrivateKey' | 'kdf'>,
  passphrase: string,
): Promise<KeyObject | undefined> {
  const kek = await derive(passphrase, key.kdf);
  const der = unseal(key.sealedPrivateKey, kek);
  kek.fill(0);
  if (!der) return undefined;
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  return privateKey;
}

/**
 * The same key pair sealed under a new passphrase (a fresh salt), or `undefined` when the old
 * passphrase is wrong. The recordings' wrapped data keys stay as they are.
 */
export async function resealReplayKey(
  key: Pick<SealedReplayKey, 'sealedPrivateKey' | 'kdf'>,
  oldPassphrase: string,
  newPassphrase: string,
  logN: number,
): Promise<Pick<SealedReplayKey, 'sealedPrivateKey' | 'kdf'> | undefined> {
  const oldKek = await derive(oldPassphrase, key.kdf);
  const der = unseal(key.sealedPrivateKey, oldKek);
  oldKek.fill(0);
  if (!der) return undefined;
  const kdf = newKdf(logN);
  const kek = await derive(newPassphrase, kdf);
  try {
    return { sealedPrivateKey: seal(der, kek), kdf };
  } finally {
    kek.fill(0);
    der.fill(0);
  }
}

/** A recording's data key, unwrapped with the replay key's private half (RSA-OAEP, SHA-256). */
export function unwrapDataKey(privateKey: KeyObject, wrapped: string): Buffer | undefined {
  try {
    return privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(wrapped, 'base64'),
    );
  } catch {
    return undefined;
  }
}
