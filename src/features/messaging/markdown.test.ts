import { describe, expect, it } from 'vitest';
import { markdownToHtml, markdownToText } from './markdown.js';

describe('the newsletter Markdown', () => {
  it('converts headings, paragraphs, lists, emphasis and links with inline styles', () => {
    const html = markdownToHtml(
      '# Big\n## News\n\nOne **two** *three*\nfour\n\n- a\n- b\n\n1. x\n2. y\n\n[Shop](https://shop.example/a)',
    );
    expect(html).toBe(
      [
        '<h2 style="font-size:22px; margin:24px 0 8px 0;">Big</h2>',
        '<h3 style="font-size:18px; margin:24px 0 8px 0;">News</h3>',
        '<p>One <strong>two</strong> <em>three</em><br>\nfour</p>',
        '<ul style="margin:0 0 16px 0; padding-left:24px;"><li>a</li><li>b</li></ul>',
        '<ol style="margin:0 0 16px 0; padding-left:24px;"><li>x</li><li>y</li></ol>',
        '<p><a href="https://shop.example/a" style="color:#2f5d50;">Shop</a></p>',
      ].join('\n'),
    );
  });

  it('escapes raw HTML and refuses links that are not http(s), mailto or one Liquid output', () => {
    expect(markdownToHtml('<script>alert(1)</script> & <b>x</b>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;</p>',
    );
    expect(markdownToHtml('[click](javascript:alert(1))')).not.toContain('<a');
    expect(markdownToHtml('[mail](mailto:a@b.example)')).toContain('<a href="mailto:a@b.example"');
    expect(markdownToHtml('[Shop]({{ shop.url }})')).toContain('<a href="{{ shop.url }}"');
  });

  it('leaves Liquid exactly as written: comparisons, quotes and underscores are not Markdown', () => {
    const source =
      '{% if customer.first_name != \'\' and a > 1 %}Hi {{ customer.first_name | default: "there" }}{% endif %}';
    expect(markdownToHtml(source)).toBe(`<p>${source}</p>`);
  });

  it('writes the text part: links as text and address, no emphasis marks', () => {
    expect(markdownToText('## News\n\nOne **two**\n\n- a\n\n[Shop](https://shop.example)')).toBe(
      'News\n\nOne two\n\n- a\n\nShop: https://shop.example',
    );
  });
});
