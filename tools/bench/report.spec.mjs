import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appsMemoryLine, formatMs, formatNumber, markdownTable, outcomesText } from './report.mjs';

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

describe('appsMemoryLine', () => {
  it('sums the RSS and the PSS of the named apps after the load, and leaves the others out', () => {
    const idle = {
      perProcess: {
        'api-gateway': { rssMbAtEnd: 200, pssMbAtEnd: 150 },
        'order-service': { rssMbAtEnd: 312, pssMbAtEnd: 250 },
        kafka: { rssMbAtEnd: 450, pssMbAtEnd: 440 },
      },
    };
    assert.equal(
      appsMemoryLine(idle, ['api-gateway', 'order-service']),
      'The 2 apps together after the load: RSS 512 MB (0.50 GiB), PSS 400 MB (pages they share counted once)',
    );
  });

  it('shows a dash when an app has no reading', () => {
    assert.match(appsMemoryLine({ perProcess: { 'api-gateway': { rssMbAtEnd: 200 } } }, ['api-gateway']), /PSS – MB/);
  });
});
