import { assertValidTables, generationOf, physicalTableName } from './generation-tables';
import { Projection } from './projection';

const projection = (tables: Record<string, string>, indexes?: Record<string, string[]>): Projection => ({
  name: 'p',
  version: 1,
  tables,
  indexes,
  apply: () => {},
});

describe('generation table names', () => {
  it('names a generation <logical>__g<N> and reads the generation back', () => {
    expect(physicalTableName('case_list', 3)).toBe('case_list__g3');
    expect(generationOf('case_list', 'case_list__g12')).toBe(12);
  });

  it('does not mistake other tables for generations', () => {
    expect(generationOf('case_list', 'case_list')).toBeUndefined();
    expect(generationOf('case_list', 'case_list__g')).toBeUndefined();
    expect(generationOf('case_list', 'case_list__g1__i0')).toBeUndefined();
    expect(generationOf('case', 'case_list__g1')).toBeUndefined();
    expect(generationOf('case_list', 'case_list__g01')).toBeUndefined();
  });

  it('accepts plain identifiers only', () => {
    expect(() => assertValidTables(projection({ case_list: 'id TEXT' }))).not.toThrow();
    expect(() => assertValidTables(projection({}))).toThrow(/no tables/);
    expect(() => assertValidTables(projection({ 'x"; DROP TABLE y; --': 'id TEXT' }))).toThrow(/not a valid table name/);
    expect(() => assertValidTables(projection({ list__g2: 'id TEXT' }))).toThrow(/not a valid table name/);
    expect(() => assertValidTables(projection({ list: 'id TEXT' }, { other: ['id'] }))).toThrow(/unknown table "other"/);
  });
});
