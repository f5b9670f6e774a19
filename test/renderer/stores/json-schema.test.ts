import { afterEach, describe, expect, it } from 'vitest';
import { checkArguments, checkParametersSchema, setAjvEnabled } from '../../../renderer/src/stores/json-schema';

const schema = { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 }, unit: { enum: ['c', 'f'] } }, required: ['city'], additionalProperties: false };

afterEach(() => setAjvEnabled(true));

// Both checkers (Ajv, and the interpreter used under the UI's strict CSP) must say the same things.
for (const mode of ['ajv', 'csp-safe'] as const) {
  describe(`JSON Schema checks (${mode})`, () => {
    const use = () => setAjvEnabled(mode === 'ajv');

    it('accepts arguments that satisfy the schema', () => {
      use();
      expect(checkArguments('{"city":"Paris","days":2,"unit":"c"}', schema)).toEqual([]);
    });

    it('explains each problem with its path', () => {
      use();
      const msgs = checkArguments('{"days":0,"unit":"k","x":1}', schema).map((p) => p.message);
      expect(msgs).toContain('the arguments is missing the required property "city"');
      expect(msgs).toContain('the arguments has an unexpected property "x"');
      expect(msgs).toContain('days must be >= 1');
      expect(msgs).toContain('unit must be one of "c", "f"');
      expect(checkArguments('{"city":3}', schema).map((p) => p.message)).toEqual(['city must be string']);
    });

    it('reports arguments that are not JSON', () => {
      use();
      expect(checkArguments('{"city":', schema)[0].message).toMatch(/^Not valid JSON/);
    });

    it('finds bad type names in a parameters schema', () => {
      use();
      const msgs = checkParametersSchema('{"type":"object","properties":{"city":{"type":"strin"}}}').map((p) => p.message);
      expect(msgs.some((m) => m.startsWith('properties.city.type is not a JSON Schema type'))).toBe(true);
    });
  });
}
