import fs from 'node:fs';
import { createSchema, printCommittedSchema, SCHEMA_FILE } from '../../src/schema';

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema:emit` after changing the API)', async () => {
    const emitted = printCommittedSchema(await createSchema());
    expect(fs.existsSync(SCHEMA_FILE)).toBe(true);
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(emitted);
  });
});
