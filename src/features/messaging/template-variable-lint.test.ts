import { describe, expect, it } from 'vitest';
import { lintTemplateSource } from './content-lint.js';
import { unguardedOutputs } from './template-variable-lint.js';

const variables = (source: string) => unguardedOutputs(source).map((o) => `${o.variable}@${o.line}`);

describe('outputs of variables a customer may lack', () => {
  it('are findings when printed bare, with their line', () => {
    expect(variables('Hi {{ customer.first_name }},')).toEqual(['customer.first_name@1']);
    expect(variables('Dear\n{{- customer.last_name | upcase -}}')).toEqual(['customer.last_name@2']);
    expect(variables("{{ customer.first_name | append: '|' }}")).toEqual(['customer.first_name@1']);
  });

  it('pass with a default, or inside an if (or elsif) that tests them', () => {
    expect(variables("Hi {{ customer.first_name | default: 'there' }},")).toEqual([]);
    expect(variables("{{ customer.first_name | capitalize | default: 'there' }}")).toEqual([]);
    expect(variables('{% if customer.first_name != blank %}, {{ customer.first_name }}{% endif %}')).toEqual([]);
    expect(variables('{% if x %}{% elsif customer.first_name %}{{ customer.first_name }}{% endif %}')).toEqual([]);
  });

  it('are findings in the else branch of their own if, and after it', () => {
    expect(
      variables('{% if customer.first_name %}{{ customer.first_name }}{% else %}{{ customer.first_name }}{% endif %}'),
    ).toEqual(['customer.first_name@1']);
    expect(variables('{% if customer.first_name %}x{% endif %} {{ customer.first_name }}')).toEqual([
      'customer.first_name@1',
    ]);
  });

  it('follow a name assigned from one, and ignore raw and comment blocks, the email and other variables', () => {
    expect(variables('{% assign name = customer.first_name %}Hi {{ name }}')).toEqual(['name@1']);
    expect(variables("{% assign name = customer.first_name | default: 'there' %}Hi {{ name }}")).toEqual([]);
    expect(
      variables('{% raw %}{{ customer.first_name }}{% endraw %}{% comment %}{{ customer.x }}{% endcomment %}'),
    ).toEqual([]);
    expect(variables('{{ customer.email }} {{ shop.name }} {{ coupon.code }}')).toEqual([]);
  });

  it('block the template, naming the part and the fix', () => {
    expect(lintTemplateSource({ subject: 'Welcome back, {{ customer.first_name }}', text: null })).toEqual([
      expect.objectContaining({
        rule: 'VARIABLE_WITHOUT_DEFAULT',
        severity: 'blocking',
        where: 'subject',
        excerpt: '{{ customer.first_name }}',
        message: expect.stringContaining("default: '...'"),
      }),
    ]);
  });
});
