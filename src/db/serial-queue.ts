/**
 * Runs async jobs one after another, in the order given; a failed job does not stop the ones after it. A `low` job
 * (background work: saving the workspace) starts only when no other job waits, so the views' queries pass it.
 */
export class SerialQueue {
  private waiting: (() => void)[] = [];
  private waitingLow: (() => void)[] = [];
  private busy = false;

  run<T>(job: () => Promise<T>, low = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        Promise.resolve()
          .then(job)
          .then(resolve, reject)
          .finally(() => {
            this.busy = false;
            this.next();
          });
      };
      (low ? this.waitingLow : this.waiting).push(start);
      if (!this.busy) this.next();
    });
  }

  private next(): void {
    const start = this.waiting.shift() ?? this.waitingLow.shift();
    if (!start) return;
    this.busy = true;
    start();
  }
}
