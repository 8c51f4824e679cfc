import { describe, expect, it } from 'vitest';
import type { EngineStatus, StageStatus } from '../../engine/engine.ts';
import { failureText, stillWorks } from './stageText.ts';

const ready: StageStatus = { state: 'ready' };
const failed: StageStatus = { state: 'failed', error: 'broken' };
const engine = (catalog: StageStatus, index: StageStatus, model: StageStatus): EngineStatus => ({ catalog, index, model });

describe('stillWorks', () => {
  it('names what the failed stages leave working', () => {
    expect(stillWorks(engine(ready, ready, failed))).toBe('Title search and similar titles still work.');
    expect(stillWorks(engine(ready, failed, ready))).toBe('Title search still works.');
    expect(stillWorks(engine(failed, ready, ready))).toBe('My list still works.');
    expect(stillWorks(engine(failed, failed, failed))).toBe('My list still works.');
  });

  it('counts a stage still loading as working: it is not lost', () => {
    expect(stillWorks(engine(ready, { state: 'loading' }, { state: 'waiting' }))).toBe('Title search, similar titles and free text still work.');
  });
});

describe('failureText', () => {
  it('never says "undefined" or nothing', () => {
    expect(failureText(failed)).toBe('broken');
    expect(failureText({ state: 'failed' })).toBe('it failed without saying why');
    expect(failureText({ state: 'failed', error: '' })).toBe('it failed without saying why');
  });
});
