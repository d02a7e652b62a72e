/**
 * Group commit: items are queued and written by one loop, a batch at a time. Items that arrive while a batch is
 * being written go together in the next one, so that concurrent callers share one transaction and one sync to
 * disk. Each item settles with its own result once its batch is written; a batch that fails as a whole (a lost
 * connection, a full disk) rejects all of its items and nothing else.
 */
export interface GroupCommit<T, R> {
  push(item: T): Promise<R>;
  /** Resolves once every item queued so far has been written. */
  drained(): Promise<void>;
}

export function groupCommit<T, R>(writeBatch: (batch: T[]) => Promise<R[]>, maxBatch: number): GroupCommit<T, R> {
  const queue: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  let writing: Promise<void> | null = null;

  async function writeQueued(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const results = await writeBatch(batch.map((q) => q.item));
        batch.forEach((q, i) => q.resolve(results[i]!));
      } catch (error) {
        for (const q of batch) q.reject(error);
      }
    }
    writing = null;
  }

  return {
    push: (item) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        writing ??= writeQueued();
      }),
    drained: async () => {
      while (writing) await writing;
    },
  };
}
