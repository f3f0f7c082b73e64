import { describe, expect, it } from 'vitest';
import { rewardIsSentOnceEvenWhenTheAnswerIsLost } from '../../examples/testing-with-the-sandbox.js';

describe('examples', () => {
  it('testing-with-the-sandbox runs as written', async () => {
    await expect(rewardIsSentOnceEvenWhenTheAnswerIsLost()).resolves.toBeUndefined();
  });
});
