// Shared checks of the figure tests: parse, accessible name/description, plot-area geometry.
import { expect } from 'vitest';
import { byClass, parseXml, pathCommands } from './xml.js';
import type { XmlElement } from './xml.js';

/**
 * Coordinates are printed with two decimals, so a coordinate recomputed from the data agrees
 * with the printed one to 0.005 px; 0.006 allows for the rounding of the area corners too.
 */
export const PX = 0.006;

/** Parse (throws if malformed) and check the accessible name and description. */
export function parseFigure(svg: string, title: string): XmlElement {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  expect(root.attrs.role).toBe('img');
  const [titleId, descId] = root.attrs['aria-labelledby']!.split(' ');
  const titleEl = root.children.find((c) => c.name === 'title')!;
  const descEl = root.children.find((c) => c.name === 'desc')!;
  expect(titleEl.attrs.id).toBe(titleId);
  expect(descEl.attrs.id).toBe(descId);
  expect(titleEl.text).toBe(title);
  expect(descEl.text.length).toBeGreaterThan(20);
  return root;
}

export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Plot area read off the axes: the y axis runs top → bottom at left, the x axis left → right. */
export function plotArea(root: XmlElement): PlotArea {
  const y = pathCommands(byClass(root, 'axis-y')[0]!.children[0]!.attrs.d!);
  const x = pathCommands(byClass(root, 'axis-x')[0]!.children[0]!.attrs.d!);
  const [, left, top] = y[0]!;
  const [, bottom] = y[1]!;
  const [, right] = x[1]!;
  return { left: left!, right: right!, top: top!, bottom: bottom! };
}

/** Text content of every <text> under `node`. */
export function texts(node: XmlElement): string[] {
  const out: string[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === 'text') out.push(e.text);
    e.children.forEach(walk);
  };
  walk(node);
  return out;
}
