/** The UI workload's contenders, by the name the page takes in `?contender=`. */
export const UI_CONTENDERS = {
  aos: "@aos/react",
  query: "@tanstack/react-query",
  db: "@tanstack/react-db",
} as const;

export type UiContender = keyof typeof UI_CONTENDERS;

/**
 * The page as apps ship it (timed), or on React's profiling build, where `<Profiler onRender>`
 * fires (counted, never timed).
 */
export type UiBuild = "production" | "profiling";

/** What one page load of the UI workload reports, on `window.benchResult`. */
export interface UiMeasurement {
  readonly contender: string;
  readonly build: UiBuild;
  readonly rows: number;
  readonly updates: number;
  /** Whether the DOM ended showing exactly the server's rows. */
  readonly correct: boolean;
  readonly problem?: string | undefined;
  /** From mounting the list to the animation frame whose DOM shows the first rows; `null` when wrong. */
  readonly firstMs: number | null;
  /** From the first event to the animation frame whose DOM shows every final value; `null` when wrong. */
  readonly ms: number | null;
  /** React commits inside the list's `<Profiler>`; `null` in the production build. */
  readonly commits: number | null;
  /** Renders of row components; a row re-rendered only for its own update makes this `updates`. */
  readonly rowRenders: number;
  /** Renders of the list component. */
  readonly listRenders: number;
}

declare global {
  interface Window {
    benchResult?: UiMeasurement;
  }
}
