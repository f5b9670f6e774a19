/**
 * Provider keys in the desktop app: encrypted with the OS keychain (safeStorage) in
 * `<dataDir>/secrets.safe.json`; decrypted only in main, when a model needs one. Without a
 * usable keychain nothing is stored (the environment still works) rather than keeping keys
 * in plain text.
 */
import path from 'node:path';
import { safeStorage } from 'electron';
import { ApiError } from '../services/runtime/api-error';
import { JsonSecretStore, type SecretCodec } from '../services/secrets/json-secret-store';

const safeStorageCodec: SecretCodec = {
  encode(plain) {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
      throw new ApiError(400, 'No OS keychain is available to encrypt the key; set it in the environment (e.g. OPENAI_API_KEY) instead.', 'invalid_request_error', 'key');
    }
    return safeStorage.encryptString(plain).toString('base64');
  },
  decode(stored) {
    return safeStorage.decryptString(Buffer.from(stored, 'base64'));
  },
};

export class SafeStorageSecretStore extends JsonSecretStore {
  constructor(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
    super(path.join(dataDir, 'secrets.safe.json'), safeStorageCodec, env);
  }
}
