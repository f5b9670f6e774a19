import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { SchemaEditor } from '../../../../renderer/src/features/assistants/SchemaEditor';
import { renderWithStores } from '../../render-app';

vi.mock('@uiw/react-codemirror', () => import('../../codemirror-mock'));
afterEach(cleanup);

function Host({ initial }: { initial: string }) {
  const [v, setV] = useState(initial);
  return <SchemaEditor label="Parameters of get_weather" value={v} onChange={setV} />;
}

const type = (text: string) => fireEvent.change(screen.getByTestId('codemirror'), { target: { value: text } });

describe('SchemaEditor', () => {
  it('confirms a valid object schema', () => {
    renderWithStores(<Host initial={'{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}'} />);
    expect(screen.getByLabelText('Parameters of get_weather is valid').textContent).toMatch(/valid JSON Schema/);
  });

  it('explains broken JSON with line and column as you type', () => {
    renderWithStores(<Host initial="" />);
    type('{\n  "type": "object",\n  "properties": {,}\n}');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/Not valid JSON at line 3, column \d+/);
  });

  it('names the path of a wrong type and of a required property that does not exist', () => {
    renderWithStores(<Host initial="" />);
    type('{"type":"object","properties":{"city":{"type":"strin"}},"required":["cty"]}');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items.some((t) => /properties\.city\.type .*not a JSON Schema type.*string/.test(t ?? ''))).toBe(true);
    expect(items.some((t) => /required lists "cty", which is not in properties/.test(t ?? ''))).toBe(true);
    // Fixing it clears the errors.
    type('{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Parameters of get_weather is valid')).toBeTruthy();
  });

  it('insists that function parameters are an object schema', () => {
    renderWithStores(<Host initial='{"type":"array"}' />);
    expect(screen.getByRole('alert').textContent).toMatch(/type must be "object"/);
  });
});
