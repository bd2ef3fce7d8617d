import { describe, expect, it } from 'vitest';
import { wantsServerProcess } from './server-process.js';

describe('wantsServerProcess', () => {
  it('is true for a plain `serve`', () => {
    expect(wantsServerProcess(['serve'], [], {})).toBe(true);
    expect(wantsServerProcess(['serve', '--port', '0'], [], { NODE_OPTIONS: '--max-old-space-size=4096' })).toBe(true);
  });

  it('is false for other commands, for a Node started with flags of its own, and under the inspector', () => {
    expect(wantsServerProcess(['routes'], [], {})).toBe(false);
    expect(wantsServerProcess([], [], {})).toBe(false);
    expect(wantsServerProcess(['serve'], ['--inspect'], {})).toBe(false);
    expect(wantsServerProcess(['serve'], [], { NODE_OPTIONS: '--inspect-brk=9230' })).toBe(false);
  });

  it('follows --tune-gc in every form yargs reads, the last one winning, then MOCKCHAT_TUNE_GC', () => {
    expect(wantsServerProcess(['serve', '--no-tune-gc'], [], {})).toBe(false);
    expect(wantsServerProcess(['serve', '--tune-gc=false'], [], {})).toBe(false);
    expect(wantsServerProcess(['serve', '--tune-gc', 'false'], [], {})).toBe(false);
    expect(wantsServerProcess(['serve', '--no-tune-gc', '--tune-gc'], [], {})).toBe(true);
    expect(wantsServerProcess(['serve'], [], { MOCKCHAT_TUNE_GC: 'false' })).toBe(false);
    expect(wantsServerProcess(['serve'], [], { MOCKCHAT_TUNE_GC: '0' })).toBe(false);
    expect(wantsServerProcess(['serve', '--tune-gc'], [], { MOCKCHAT_TUNE_GC: 'false' })).toBe(true);
    expect(wantsServerProcess(['serve'], [], { MOCKCHAT_TUNE_GC: 'true' })).toBe(true);
    // yargs reads a boolean as true only when it is "true", and takes only "true"/"false" after the flag.
    expect(wantsServerProcess(['serve', '--tune-gc=1'], [], {})).toBe(false);
    expect(wantsServerProcess(['serve'], [], { MOCKCHAT_TUNE_GC: '1' })).toBe(false);
    expect(wantsServerProcess(['serve', '--tune-gc', '0'], [], {})).toBe(true);
  });
});
