/**
 * While a session import runs, it owns the database connection: every other call of the
 * faces (bridge, IPC, `/v1`) waits at this gate until the import has committed or rolled
 * back, so no other write can land inside its transaction. Reads wait too (they would see
 * the half-copied rows). The wait is the "busy" the app shows with the import's progress.
 */
export class BusyGate {
  private current: Promise<void> | null = null;

  /** Whether something holds the gate now. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Resolves once nothing holds the gate. */
  async whenIdle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** Runs `fn` holding the gate (after waiting for whoever holds it now). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    // The check and the take happen in one synchronous step after each wake-up, so two
    // waiters woken together never both get in.
    while (this.current) await this.current;
    let open!: () => void;
    this.current = new Promise<void>((resolve) => {
      open = resolve;
    });
    try {
      return await fn();
    } finally {
      this.current = null;
      open();
    }
  }
}
