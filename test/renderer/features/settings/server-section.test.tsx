/** The /v1 key in Settings, on the real services: masked until asked, copied with the snippet, regenerated. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../../../renderer/src/features/settings/SettingsView';
import { renderWithStores } from '../../render-app';
import { harness } from '../../stores/helpers';

afterEach(cleanup);

describe('Settings: the /v1 key', () => {
  it('is masked until Reveal, copies into the SDK snippet, and Regenerate replaces it after a confirmation', async () => {
    const h = harness();
    const services = h.bridge.services;
    services.setApiBaseUrl('http://127.0.0.1:8787/v1');
    const key = services.v1Key.current();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const reveal = vi.spyOn(h.bridge.api.settings, 'revealApiKey');
    const { container } = renderWithStores(<SettingsView />, h);
    try {
      const value = await screen.findByTestId('api-key-value');
      expect(value.textContent).toBe(`sk-${'*'.repeat(20)}${key.slice(-4)}`);
      expect(screen.getByTestId('sdk-snippet').textContent).toContain("baseURL: 'http://127.0.0.1:8787/v1'");
      expect(container.textContent).not.toContain(key);
      expect(reveal).not.toHaveBeenCalled();

      fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
      await waitFor(() => expect(value.textContent).toBe(key));
      expect(screen.getByTestId('sdk-snippet').textContent).toBe(`import OpenAI from 'openai';\n\nconst client = new OpenAI({ baseURL: 'http://127.0.0.1:8787/v1', apiKey: '${key}' });`);
      fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
      expect(container.textContent).not.toContain(key);

      fireEvent.click(screen.getByRole('button', { name: 'Python' }));
      fireEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
      await waitFor(() => expect(writeText).toHaveBeenCalledWith(`from openai import OpenAI\n\nclient = OpenAI(base_url="http://127.0.0.1:8787/v1", api_key="${key}")`));
      expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
      expect(container.textContent).not.toContain(key);

      fireEvent.click(screen.getByRole('button', { name: 'Regenerate…' }));
      expect(screen.getByRole('alert').textContent).toMatch(/will get 401/);
      fireEvent.click(screen.getByRole('button', { name: 'Regenerate now' }));
      await waitFor(() => expect(services.v1Key.current()).not.toBe(key));
      const fresh = services.v1Key.current();
      await waitFor(() => expect(value.textContent).toBe(`sk-${'*'.repeat(20)}${fresh.slice(-4)}`));
      expect(container.textContent).not.toContain(fresh);
    } finally {
      await h.stop();
    }
  });
});
