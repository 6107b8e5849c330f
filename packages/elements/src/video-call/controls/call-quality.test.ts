import { expect } from '@open-wc/testing';
import { qualityOf } from './call-quality.js';

describe('connection quality from the call’s stats', () => {
  it('reads round-trip time and received frame rate as good, fair or poor; no figures, no judgement', () => {
    expect(qualityOf({ roundTripTime: 0.05, framesPerSecond: 28 })).to.equal('good');
    expect(qualityOf({ roundTripTime: 0.25, framesPerSecond: 28 })).to.equal('fair');
    expect(qualityOf({ roundTripTime: 0.05, framesPerSecond: 15 })).to.equal('fair');
    expect(qualityOf({ roundTripTime: 0.5 })).to.equal('poor');
    expect(qualityOf({ framesPerSecond: 5 })).to.equal('poor');
    expect(qualityOf({})).to.equal(undefined);
  });
});
