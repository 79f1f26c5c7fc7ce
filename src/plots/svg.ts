// A minimal SVG string builder: elements are strings, attributes keep their given order so output
// is deterministic; attribute values and text are XML-escaped here, nowhere else.
import { escapeXml, fmt } from './format.js';

export type AttrValue = string | number | undefined;
export type Attrs = Record<string, AttrValue>;

function attrString(attrs: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    const v = typeof value === 'number' ? fmt(value) : escapeXml(value);
    out += ` ${key}="${v}"`;
  }
  return out;
}

/** An element with child elements (already strings); self-closing when there are none. */
export function el(name: string, attrs: Attrs = {}, children: string[] = []): string {
  if (children.length === 0) return `<${name}${attrString(attrs)}/>`;
  return `<${name}${attrString(attrs)}>${children.join('')}</${name}>`;
}

/** A <text> element; `content` is plain text and is escaped. */
export function text(content: string, attrs: Attrs = {}): string {
  return `<text${attrString(attrs)}>${escapeXml(content)}</text>`;
}

/** Element holding escaped plain text (title, desc). */
export function textElement(name: string, content: string, attrs: Attrs = {}): string {
  return `<${name}${attrString(attrs)}>${escapeXml(content)}</${name}>`;
}

/** Path data builder with fixed-precision coordinates. */
export class PathBuilder {
  private parts: string[] = [];
  moveTo(x: number, y: number): this {
    this.parts.push(`M${fmt(x)} ${fmt(y)}`);
    return this;
  }
  lineTo(x: number, y: number): this {
    this.parts.push(`L${fmt(x)} ${fmt(y)}`);
    return this;
  }
  horizontalTo(x: number): this {
    this.parts.push(`H${fmt(x)}`);
    return this;
  }
  verticalTo(y: number): this {
    this.parts.push(`V${fmt(y)}`);
    return this;
  }
  close(): this {
    this.parts.push('Z');
    return this;
  }
  get empty(): boolean {
    return this.parts.length === 0;
  }
  toString(): string {
    return this.parts.join(' ');
  }
}
