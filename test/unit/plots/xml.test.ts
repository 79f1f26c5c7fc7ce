// The tiny XML checker the figure tests rely on must itself reject malformed documents, or the
// well-formedness assertions elsewhere would assert nothing.
import { describe, expect, it } from 'vitest';
import { parseXml, pathCommands } from './xml.js';

describe('parseXml', () => {
  it('builds the tree and decodes entities', () => {
    const root = parseXml('<svg a="1&amp;2"><text x=\'3\'>a &lt; b &#38; c</text><g/></svg>');
    expect(root.name).toBe('svg');
    expect(root.attrs.a).toBe('1&2');
    expect(root.children.map((c) => c.name)).toEqual(['text', 'g']);
    expect(root.children[0]!.text).toBe('a < b & c');
  });

  it.each([
    ['unclosed element', '<svg><g></svg>'],
    ['mismatched close', '<svg><g></h></svg>'],
    ['bare ampersand', '<svg><text>a & b</text></svg>'],
    ['bare less-than in attribute', '<svg a="<"/>'],
    ['unquoted attribute', '<svg a=1/>'],
    ['duplicate attribute', '<svg a="1" a="2"/>'],
    ['two roots', '<svg/><svg/>'],
    ['unknown entity', '<svg><text>&nbsp;</text></svg>'],
  ])('rejects %s', (_name, source) => {
    expect(() => parseXml(source)).toThrow();
  });

  it('splits path data into commands', () => {
    expect(pathCommands('M1 2 H3.5 V-4 L5 6 Z')).toEqual([['M', 1, 2], ['H', 3.5], ['V', -4], ['L', 5, 6], ['Z']]);
  });
});
