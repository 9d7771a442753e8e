import { describe, expect, it } from 'vitest';
import { type BulkRecord, BulkRecordAssembler, legacyId, parseBulkLine } from './bulk-jsonl.js';

/**
 * The shape of shopify.dev's example result in "Perform bulk operations with the GraphQL Admin
 * API" (a connection's nodes as lines of their own with __parentId, after their parent), with
 * orders and line items in place of its products and variants.
 */
const RESULT = [
  '{"id":"gid://shopify/Order/1001","name":"#1001"}',
  '{"id":"gid://shopify/LineItem/1","title":"Beans","__parentId":"gid://shopify/Order/1001"}',
  '{"id":"gid://shopify/LineItem/2","title":"Filters","__parentId":"gid://shopify/Order/1001"}',
  '{"id":"gid://shopify/Order/1002","name":"#1002"}',
  '{"id":"gid://shopify/Order/1003","name":"#1003"}',
  '{"id":"gid://shopify/LineItem/3","title":"Tea","__parentId":"gid://shopify/Order/1003"}',
];

function assemble(lines: readonly string[], firstLine = 1): BulkRecord[] {
  const assembler = new BulkRecordAssembler();
  const records: BulkRecord[] = [];
  lines.forEach((text, i) => {
    const record = assembler.push(parseBulkLine(text, firstLine + i), firstLine + i);
    if (record) records.push(record);
  });
  const last = assembler.finish();
  if (last) records.push(last);
  return records;
}

describe('bulk JSONL results', () => {
  it('groups each parent with the child lines that follow it, with the lines it spans', () => {
    const records = assemble(RESULT);
    expect(records.map((r) => [r.object.name, r.children.map((c) => c.title), r.firstLine, r.lastLine])).toEqual([
      ['#1001', ['Beans', 'Filters'], 1, 3],
      ['#1002', [], 4, 4],
      ['#1003', ['Tea'], 5, 6],
    ]);
  });

  it('reads from a checkpoint, which always ends at a record: the records after it are whole', () => {
    expect(assemble(RESULT.slice(3), 4).map((r) => [r.object.name, r.firstLine, r.lastLine])).toEqual([
      ['#1002', 4, 4],
      ['#1003', 5, 6],
    ]);
  });

  it('refuses a child that does not follow its parent, and lines that are not objects, with the line', () => {
    expect(() => assemble([RESULT[1]])).toThrow(/line 1: a child of gid:\/\/shopify\/Order\/1001 comes before/);
    expect(() => assemble([RESULT[0], RESULT[3], RESULT[1]])).toThrow(/line 3: .*not grouped/);
    expect(() => parseBulkLine('[1,2]', 7)).toThrow(/bulk result line 7: expected a JSON object/);
    expect(() => parseBulkLine('{"id":', 8)).toThrow(/bulk result line 8: not JSON/);
    expect(() => parseBulkLine('{"title":"a\\u0000b"}', 9)).toThrow(/line 9: .*NUL/);
    try {
      parseBulkLine('{', 12);
    } catch (error) {
      expect(error).toMatchObject({ code: 'SHOPIFY_BULK_RESULT_INVALID', details: { line: 12 } });
    }
  });

  it('takes the numeric id out of a gid, the id webhooks send, and only of the type asked for', () => {
    expect(legacyId('gid://shopify/Customer/115310627314723954', 'Customer')).toBe('115310627314723954');
    expect(legacyId('gid://shopify/Order/820982911946154508', 'Customer')).toBeNull();
    expect(legacyId('gid://shopify/Customer/abc', 'Customer')).toBeNull();
    expect(legacyId(115310627314723954, 'Customer')).toBeNull();
  });
});
