import type { ProfilerOnRenderCallback } from "react";

/** What the page counts while the updates arrive; reset once the first rows are on screen. */
export const counts = { commits: 0, rowRenders: 0, listRenders: 0 };

export function resetCounts(): void {
  counts.commits = 0;
  counts.rowRenders = 0;
  counts.listRenders = 0;
}

/** Called in the body of every contender's row component. */
export function countRowRender(): void {
  counts.rowRenders++;
}

/** Called in the body of every contender's list component. */
export function countListRender(): void {
  counts.listRenders++;
}

/** The `<Profiler>` around the list: one call per React commit that touched it. */
export const countCommit: ProfilerOnRenderCallback = () => {
  counts.commits++;
};
