/** How many worker calls (model fits, clustering …) are running: the saved workspace waits for none. */
class WorkerActivity {
  count = $state(0);
  get busy(): boolean {
    return this.count > 0;
  }
}
export const workerActivity = new WorkerActivity();
