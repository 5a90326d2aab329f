// A part of the trend in its own module, loaded the first time it is needed (the table, the chart's
// cursor): never by an ordinary render of the chart.
/** A module loaded on demand: `value` once loaded, `false` when the last load failed. */
export class LazyModule<T> {
  value: T | false | undefined;
  /** While loading: settles (never rejects) when the module has loaded or failed. */
  pending?: Promise<void>;

  constructor(private readonly importer: () => Promise<T>) {}

  /** Loads it, unless it is there or on its way (after a failure: tries again). */
  load(): Promise<void> {
    return (this.pending ??= this.importer()
      .then(
        (module) => {
          this.value = module;
        },
        () => {
          this.value = false;
        },
      )
      .finally(() => {
        this.pending = undefined;
      }));
  }
}
