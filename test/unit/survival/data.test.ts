import { describe, expect, it } from 'vitest';
import { parseCsv, requireEvents, selectColumns, survivalTable, validateOutcome } from '../../../src/survival/data.js';
import { NotEnoughEventsError, SurvivalInputError } from '../../../src/survival/errors.js';

const table = (text: string) => parseCsv(text, 'test.csv');
const cols = { time: 'time', event: 'status', id: 'id' };

describe('survival table input validation', () => {
  it('reads outcome and features, with quoted fields', () => {
    const t = survivalTable(table('id,time,status,"a",b\n1,5,1,0.5,2\n2,3.5,0,1.5,"3"\n'), cols);
    expect(Array.from(t.outcome.time)).toEqual([5, 3.5]);
    expect(Array.from(t.outcome.status)).toEqual([1, 0]);
    expect(t.features.names).toEqual(['a', 'b']);
    expect(t.ids).toEqual(['1', '2']);
  });

  it('names the problem for bad outcomes', () => {
    expect(() => survivalTable(table('id,time,status,a\n1,-2,1,1\n2,3,0,2\n'), cols)).toThrow(/time of subject 1 is negative/);
    expect(() => survivalTable(table('id,time,status,a\n1,,1,1\n2,3,0,2\n'), cols)).toThrow(/'time' row 1 is missing/);
    expect(() => survivalTable(table('id,time,status,a\n1,2,2,1\n2,3,0,2\n'), cols)).toThrow(/event of subject 1 is 2/);
    expect(() => validateOutcome([NaN], [1])).toThrow(SurvivalInputError);
  });

  it('names the problem for bad features and unknown columns', () => {
    expect(() => survivalTable(table('id,time,status,a\n1,2,1,7\n2,3,0,7\n'), cols)).toThrow(/feature 'a' is constant/);
    expect(() => survivalTable(table('id,time,status,a\n1,2,1,NA\n2,3,0,7\n'), cols)).toThrow(/'a' row 1 is missing/);
    expect(() => survivalTable(table('id,time,status,a\n1,2,1,x\n2,3,0,7\n'), cols)).toThrow(/not a finite number/);
    expect(() => survivalTable(table('id,time,status,a\n1,2,1,1\n2,3,0,7\n'), { ...cols, features: ['zz'] })).toThrow(/unknown column 'zz'/);
    expect(() => survivalTable(table('id,t,status\n1,2,1\n'), cols)).toThrow(/unknown column 'time'/);
    expect(() => selectColumns({ names: ['a'], columns: [new Float64Array(1)] }, ['b'])).toThrow(/unknown feature 'b'/);
    expect(() => parseCsv('a,b\n1\n', 'x.csv')).toThrow(/line 2 has 1 fields/);
  });

  it('checks the number of events a model needs', () => {
    const o = validateOutcome([1, 2, 3], [1, 0, 0]);
    expect(() => requireEvents(o, 2, 'a 2-covariate Cox model')).toThrow(NotEnoughEventsError);
    expect(() => requireEvents(o, 2, 'a 2-covariate Cox model')).toThrow(/needs at least 2 events; the data have 1/);
  });
});
