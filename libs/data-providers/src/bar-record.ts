import type { Bar } from '@rustybt/engine';

/**
 * A bar as the high-volume sources (sim, CSV) build it: by a constructor, not an object literal.
 * V8 watches how many objects of each literal survive a scavenge and, when one scavenge finds
 * nearly all of them alive, allocates every later object of that literal straight into old space.
 * A start-up scavenge that caught a freshly built batch of bars did that to every bar of a replay:
 * short-lived bars piled up in old space and RSS grew 25–35% in about half of the runs. Objects
 * built by a constructor are never pretenured, so bars that die young are collected young.
 */
export class BarRecord implements Bar {
  constructor(
    readonly symbol: string,
    readonly time: number,
    readonly open: number,
    readonly high: number,
    readonly low: number,
    readonly close: number,
    readonly volume: number,
  ) {}
}
