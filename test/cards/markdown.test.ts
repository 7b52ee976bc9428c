import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { clip, escapeMarkdown, flatten } from '../../src/cards/markdown';
import { HOSTILE, HOSTILE_TEXT } from './fixtures';

// A CommonMark renderer with GFM tables and strikethrough: a superset of what Teams renders in cards.
const markdown = new MarkdownIt({ html: true, linkify: false });

function render(text: string): string {
  return markdown.render(text);
}

/** The text a reader would see, if the rendering is one plain paragraph; null if it is anything else. */
function plainParagraph(html: string): string | null {
  const match = /^<p>([\s\S]*)<\/p>\n$/.exec(html);
  if (match === null || /<[a-z/]/i.test(match[1])) return null;
  return match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('escapeMarkdown', () => {
  it.each(Object.entries(HOSTILE))('shows %s literally, as one plain paragraph', (_name, text) => {
    expect(plainParagraph(render(escapeMarkdown(text)))).toBe(flatten(text));
  });

  it('would have been formatting without it (the fixtures bite)', () => {
    expect(render(HOSTILE.link)).toContain('<a href="http://evil.example/steal">');
    expect(render(HOSTILE.bold)).toContain('<strong>URGENT</strong>');
    expect(render(HOSTILE.heading)).toContain('<h1>');
    expect(render(HOSTILE.list)).toContain('<ul>');
    expect(render(HOSTILE.ordered)).toContain('<ol>');
    expect(render(HOSTILE.image)).toContain('<img');
    expect(render(HOSTILE.newline)).toContain('<h1>');
  });

  const specials = fc.constantFrom(...'\\`*_[]()#+-=.!<>|~&{}:"\' \t\n\r1234567890aZ'.split(''), '  ', '    ', '&amp;', '<at>', '](', '${', '\u2028', '\u0000', 'ア', '\u3000');
  const tricky = fc.array(specials, { maxLength: 40 }).map((parts) => parts.join(''));

  it('renders any string as exactly its flattened text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        const flat = flatten(text);
        const html = render(escapeMarkdown(text, 10_000));
        if (flat === '') expect(html).toBe('');
        else expect(plainParagraph(html)).toBe(flat);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves ordinary addresses and Japanese alone apart from the escapes', () => {
    expect(escapeMarkdown('alex.wilber@contoso.com')).toBe('alex.wilber@contoso.com');
    expect(escapeMarkdown('first_last@contoso.com')).toBe('first\\_last@contoso.com');
    expect(escapeMarkdown('経理部 共有')).toBe('経理部 共有');
  });

  it('keeps ${...} as text', () => {
    expect(plainParagraph(render(escapeMarkdown(HOSTILE.template)))).toBe(HOSTILE.template);
  });

  it('cuts long text before escaping, with an ellipsis', () => {
    const long = '*'.repeat(500);
    const escaped = escapeMarkdown(long, 100);
    expect(escaped).toBe(`${'\\*'.repeat(99)}…`);
    expect(plainParagraph(render(escaped))).toBe(`${'*'.repeat(99)}…`);
    expect(escapeMarkdown(HOSTILE_TEXT, 20).length).toBeLessThanOrEqual(40);
  });

  it('never cuts a surrogate pair in half', () => {
    const emoji = '😀'.repeat(10);
    const cut = clip(emoji, 6);
    expect(cut).toBe('😀😀…');
    expect(encodeURIComponent(cut)).toBe(encodeURIComponent('😀😀…'));
  });
});

describe('invisible format characters in audit values', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['bidi isolates and marks', '\u2067finance\u2069@contoso.com\u200F', 'finance@contoso.com'],
    ['zero-width spaces, a BOM and a soft hyphen', 'ad\u200Bmin\uFEFF@con\u00ADtoso.com', 'admin@contoso.com'],
    ['tag characters', 'ceo\u{E0041}\u{E0042}@contoso.com', 'ceo@contoso.com'],
  ])('drops %s, so the value reads in its stored order', (_label, raw, shown) => {
    expect(escapeMarkdown(raw)).toBe(shown);
  });

  it('keeps the joiners emoji and scripts need', () => {
    expect(flatten('👩\u200D💻 team')).toBe('👩\u200D💻 team');
  });
});
