import { describe, expect, it } from 'vitest';
import { buildCategoryIndex, categorySet, suggestNewCategory } from './new-category.js';

const customers: [string, string[]][] = [
  ['a', ['coffee', 'tea']],
  ['b', ['coffee', 'tea', 'mugs']],
  ['c', ['coffee', 'mugs']],
  ['d', ['tea', 'chocolate']],
  ['e', ['tea', 'coffee']],
  ['f', ['garden']],
  ['g', []],
];

describe('suggestNewCategory', () => {
  const index = buildCategoryIndex(customers);

  it('picks the category most bought by similar customers that the customer never bought', () => {
    // b (2/3), c (1/3), d (1/3) vote; e has the same set and cannot suggest anything.
    expect(suggestNewCategory(index, ['tea', 'coffee'], { neighbours: 20, minNeighbourSupport: 2 })).toEqual({
      category: 'mugs',
      support: 2,
      neighbours: 3,
    });
  });

  it('lets only the top neighbours vote and needs the minimum support', () => {
    expect(suggestNewCategory(index, ['coffee', 'tea'], { neighbours: 1, minNeighbourSupport: 2 })).toBeNull();
    expect(suggestNewCategory(index, ['coffee', 'tea'], { neighbours: 1, minNeighbourSupport: 1 })).toEqual({
      category: 'mugs',
      support: 1,
      neighbours: 1,
    });
  });

  it('breaks a tie of votes by the voters similarity, then by name', () => {
    const tie = buildCategoryIndex([
      ['x1', ['a', 'b', 'near']],
      ['x2', ['a', 'far', 'z1', 'z2']],
      ['y1', ['a', 'alpha']],
      ['y2', ['a', 'beta']],
    ]);
    // near: one vote of 2/3; far: one vote of 1/5; alpha and beta: one vote of 1/3 each.
    expect(suggestNewCategory(tie, ['a', 'b'], { neighbours: 10, minNeighbourSupport: 1 })?.category).toBe('near');
    expect(suggestNewCategory(tie, ['a'], { neighbours: 10, minNeighbourSupport: 1 })?.category).toBe('alpha');
  });

  it('ranks neighbours of equal similarity by customer id, whatever the input order', () => {
    const rows: [string, string[]][] = [
      ['n2', ['a', 'second']],
      ['n1', ['a', 'first']],
      ['n3', ['a', 'third']],
    ];
    for (const order of [rows, [...rows].reverse()]) {
      expect(
        suggestNewCategory(buildCategoryIndex(order), ['a'], { neighbours: 1, minNeighbourSupport: 1 })?.category,
      ).toBe('first');
    }
  });

  it('cuts a group of equally similar customers by customer id, counting each member', () => {
    const many = buildCategoryIndex([
      ['m3', ['a', 'x']],
      ['m1', ['a', 'y']],
      ['m2', ['a', 'x']],
      ['m4', ['a', 'y']],
      ['m0', ['a', 'b', 'z']],
    ]);
    // m0 (1/3) ranks below the four at 1/2; of those, the smallest ids take the places.
    expect(suggestNewCategory(many, ['a'], { neighbours: 1, minNeighbourSupport: 1 })).toEqual({
      category: 'y',
      support: 1,
      neighbours: 1,
    });
    expect(suggestNewCategory(many, ['a'], { neighbours: 2, minNeighbourSupport: 1 })).toEqual({
      category: 'x',
      support: 1,
      neighbours: 2,
    });
    expect(suggestNewCategory(many, ['a'], { neighbours: 3, minNeighbourSupport: 2 })).toEqual({
      category: 'x',
      support: 2,
      neighbours: 3,
    });
    expect(suggestNewCategory(many, ['a'], { neighbours: 10, minNeighbourSupport: 1 })).toEqual({
      category: 'x',
      support: 2,
      neighbours: 5,
    });
  });

  it('suggests nothing without shared categories or categories', () => {
    expect(suggestNewCategory(index, ['garden'], { neighbours: 20, minNeighbourSupport: 1 })).toBeNull();
    expect(suggestNewCategory(index, [], { neighbours: 20, minNeighbourSupport: 1 })).toBeNull();
    expect(suggestNewCategory(index, ['unknown'], { neighbours: 20, minNeighbourSupport: 1 })).toBeNull();
  });

  it('keeps category sets sorted by code unit and distinct', () => {
    expect(categorySet(['b', 'B', 'a', 'b'])).toEqual(['B', 'a', 'b']);
    // a and e share one set; g bought no category.
    expect(index.sets.map((s) => [s.categories.join('+'), s.members])).toEqual([
      ['coffee+tea', ['a', 'e']],
      ['coffee+mugs+tea', ['b']],
      ['coffee+mugs', ['c']],
      ['chocolate+tea', ['d']],
      ['garden', ['f']],
    ]);
  });
});
