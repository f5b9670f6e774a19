/** Default addresses of the common OpenAI-compatible servers, offered when adding a provider. */
import type { ProviderPreset } from '../../../contract/providers';

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', label: 'OpenAI', base_url: 'https://api.openai.com/v1', needs_key: true },
  { id: 'ollama', label: 'Ollama', base_url: 'http://127.0.0.1:11434/v1', needs_key: false },
  { id: 'lmstudio', label: 'LM Studio', base_url: 'http://127.0.0.1:1234/v1', needs_key: false },
  { id: 'vllm', label: 'vLLM', base_url: 'http://127.0.0.1:8000/v1', needs_key: false },
  { id: 'llamacpp', label: 'llama.cpp server', base_url: 'http://127.0.0.1:8080/v1', needs_key: false },
];
