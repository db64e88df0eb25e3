import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMs, formatNumber, markdownTable, outcomesText } from './report.mjs';

describe('formatMs', () => {
  it('uses ms below a second, seconds above', () => {
    assert.equal(formatMs(87.4), '87 ms');
    assert.equal(formatMs(1250), '1.25 s');
    assert.equal(formatMs(12_345), '12.3 s');
    assert.equal(formatMs(undefined), '–');
  });
});

describe('formatNumber', () => {
  it('never prints a negative zero', () => {
    assert.equal(formatNumber(-0.3), '0');
    assert.equal(formatNumber(-0.04, 1), '0.0');
    assert.equal(formatNumber(-6.2), '-6');
  });
});

describe('markdownTable', () => {
  it('pads the columns', () => {
    assert.equal(markdownTable(['Rate', 'CPU'], [['2.0', '246'], ['10.0', '1']]), '| Rate | CPU |\n| ---- | --- |\n| 2.0  | 246 |\n| 10.0 | 1   |');
  });
});

describe('outcomesText', () => {
  it('lists the most frequent outcome first', () => {
    assert.equal(outcomesText({ 'HTTP 503': 2, CONFIRMED: 300 }), 'CONFIRMED 300, HTTP 503 2');
  });
});
