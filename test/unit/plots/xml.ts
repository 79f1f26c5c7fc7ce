// A minimal XML well-formedness checker and tree builder for the figure tests (no dependency):
// tags must nest and close, attributes must be quoted and unique, text may hold only the five
// predefined entities or numeric references, never a bare '<' or '&'.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY = /^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '<') throw new Error(`bare '<' at ${where + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`bad entity at ${where + i}: ${raw.slice(i, i + 10)}`);
    const e = m[1]!;
    out += e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

/** Parse a document with a single root element (an optional XML declaration is allowed). */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const ws = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  ws();
  if (source.startsWith('<?xml', pos)) pos = source.indexOf('?>', pos) + 2;
  while (pos < source.length) {
    if (source[pos] !== '<') {
      const end = source.indexOf('<', pos);
      const raw = source.slice(pos, end === -1 ? source.length : end);
      if (stack.length === 0) {
        if (raw.trim() !== '') throw new Error(`text outside the root element at ${pos}`);
      } else stack[stack.length - 1]!.text += decode(raw, pos);
      pos = end === -1 ? source.length : end;
      continue;
    }
    if (source.startsWith('</', pos)) {
      pos += 2;
      const m = NAME.exec(source.slice(pos));
      if (!m) throw new Error(`bad closing tag at ${pos}`);
      pos += m[0].length;
      ws();
      if (source[pos] !== '>') throw new Error(`unterminated closing tag at ${pos}`);
      pos++;
      const open = stack.pop();
      if (!open || open.name !== m[0]) throw new Error(`closing </${m[0]}> does not match <${open?.name}>`);
      continue;
    }
    pos++;
    const m = NAME.exec(source.slice(pos));
    if (!m) throw new Error(`bad tag name at ${pos}`);
    pos += m[0].length;
    const node: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      ws();
      if (source.startsWith('/>', pos) || source[pos] === '>') break;
      if (pos === before) throw new Error(`attributes must be separated by white space at ${pos}`);
      const a = NAME.exec(source.slice(pos));
      if (!a) throw new Error(`bad attribute name at ${pos}`);
      pos += a[0].length;
      if (source[pos] !== '=' || (source[pos + 1] !== '"' && source[pos + 1] !== "'")) throw new Error(`attribute ${a[0]} must be ="quoted" at ${pos}`);
      const quote = source[pos + 1]!;
      const end = source.indexOf(quote, pos + 2);
      if (end === -1) throw new Error(`unterminated attribute ${a[0]}`);
      if (a[0] in node.attrs) throw new Error(`duplicate attribute ${a[0]} on <${node.name}>`);
      node.attrs[a[0]] = decode(source.slice(pos + 2, end), pos + 2);
      pos = end + 1;
    }
    if (stack.length > 0) stack[stack.length - 1]!.children.push(node);
    else if (root) throw new Error('more than one root element');
    else root = node;
    if (source[pos] === '/') pos += 2;
    else {
      pos++;
      stack.push(node);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element in document order satisfying `pred`. */
export function findAll(node: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (pred(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(node);
  return out;
}

export const byClass = (root: XmlElement, cls: string): XmlElement[] => findAll(root, (e) => (e.attrs.class ?? '').split(' ').includes(cls));

/** Path data as commands with their numbers: "M1 2 H3" → [['M',1,2],['H',3]]. */
export function pathCommands(d: string): [string, ...number[]][] {
  const out: [string, ...number[]][] = [];
  for (const m of d.matchAll(/([MLHVZ])([^MLHVZ]*)/g)) {
    const nums = m[2]!.trim() === '' ? [] : m[2]!.trim().split(/[\s,]+/).map(Number);
    out.push([m[1]!, ...nums]);
  }
  return out;
}
