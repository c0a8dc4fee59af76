//! An order-preserving, bounded pipeline: worker threads map the items of a
//! list while one consumer takes the results in list order, each as soon as
//! it and every result before it are done.
//!
//! This replaces extracting an archive in fixed chunks with a serial step
//! between them: there the workers waited at every chunk's end for the
//! slowest page and for the consumer, and the consumer for the workers.
//! Here the workers never wait for the consumer unless they run a whole
//! [`Pipeline::window`] ahead of it, which also keeps memory flat: at most
//! `window` results are held, however long the list.
//!
//! ```
//! use pledges::run::stream::Pipeline;
//! let mut seen = vec![];
//! let squares = Pipeline::with_workers(3).map_in_order(&[1, 2, 3, 4], |n| n * n, |i, sq| {
//!     seen.push((i, sq));
//!     Ok::<(), ()>(())
//! });
//! assert_eq!((squares, seen), (Ok(()), vec![(0, 1), (1, 4), (2, 9), (3, 16)]));
//! ```

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How many results may wait for the consumer, by default. A full table
/// page's result is ≈ 150 KB, so 64 of them stay near 10 MB; and 64 pages
/// are enough for the workers to run past a page several times slower than
/// the others without waiting.
pub const DEFAULT_WINDOW: usize = 64;

/// How many threads map, and how far ahead of the consumer they may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pipeline {
    /// Worker threads (at least 1).
    pub workers: usize,
    /// Results that may be done and not yet taken, counted from the first
    /// one not taken (at least 1; default [`DEFAULT_WINDOW`]).
    pub window: usize,
}

/// What the workers and the consumer share.
struct Shared {
    /// The next item no worker has claimed.
    next: AtomicUsize,
    gate: Mutex<Gate>,
    moved: Condvar,
}

struct Gate {
    /// Items the consumer has taken (all before this index).
    taken: usize,
    /// The consumer stopped (an error, a panic, or the end): claim nothing more.
    stopped: bool,
}

impl Shared {
    /// Waits until item `i` lies in the window; false when the consumer stopped.
    fn may_start(&self, i: usize, window: usize) -> bool {
        let mut gate = self.gate.lock().unwrap_or_else(|e| e.into_inner());
        while i >= gate.taken + window && !gate.stopped {
            gate = self.moved.wait(gate).unwrap_or_else(|e| e.into_inner());
        }
        !gate.stopped
    }

    fn set(&self, change: impl FnOnce(&mut Gate)) {
        change(&mut self.gate.lock().unwrap_or_else(|e| e.into_inner()));
        self.moved.notify_all();
    }
}

/// Stops the workers when the consumer leaves, however it leaves: a worker
/// waiting for the window would otherwise wait forever, and the thread
/// scope with it.
struct StopOnDrop<'a>(&'a Shared);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.set(|g| g.stopped = true);
    }
}

impl Pipeline {
    /// `workers` threads (0 counts as 1) and the [`DEFAULT_WINDOW`].
    pub fn with_workers(workers: usize) -> Self {
        Pipeline { workers: workers.max(1), window: DEFAULT_WINDOW }
    }

    /// Maps every item with `work` on the worker threads and hands each
    /// result with its index to `take`, on the calling thread, in item
    /// order. The first error `take` returns stops the run (items not yet
    /// started are never mapped) and is returned; a panic in `work` is
    /// raised again on the calling thread.
    pub fn map_in_order<T, R, E>(
        &self,
        items: &[T],
        work: impl Fn(&T) -> R + Sync,
        mut take: impl FnMut(usize, R) -> Result<(), E>,
    ) -> Result<(), E>
    where
        T: Sync,
        R: Send,
    {
        let shared = Shared {
            next: AtomicUsize::new(0),
            gate: Mutex::new(Gate { taken: 0, stopped: false }),
            moved: Condvar::new(),
        };
        let window = self.window.max(1);
        std::thread::scope(|scope| {
            let (done, results) = mpsc::channel();
            for _ in 0..self.workers.max(1).min(items.len()) {
                let (done, shared, work) = (done.clone(), &shared, &work);
                scope.spawn(move || loop {
                    let i = shared.next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || !shared.may_start(i, window) {
                        return;
                    }
                    let result = catch_unwind(AssertUnwindSafe(|| work(&items[i])));
                    if done.send((i, result)).is_err() {
                        return;
                    }
                });
            }
            drop(done);
            let _stop = StopOnDrop(&shared);
            let mut waiting = BTreeMap::new();
            let mut next = 0;
            // Ends when every worker has returned: all items mapped, or stopped.
            for (i, result) in results {
                waiting.insert(i, result);
                while let Some(result) = waiting.remove(&next) {
                    take(next, result.unwrap_or_else(|panic| resume_unwind(panic)))?;
                    next += 1;
                    shared.set(|g| g.taken = next);
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Results come in item order whatever order the workers finish in,
    /// and no worker runs more than the window ahead of the consumer.
    #[test]
    fn results_come_in_order_within_the_window() {
        let items: Vec<u64> = (0..200).collect();
        let started = AtomicUsize::new(0);
        let pipeline = Pipeline { workers: 4, window: 5 };
        let mut got = vec![];
        let out: Result<(), ()> = pipeline.map_in_order(
            &items,
            |&n| {
                started.fetch_add(1, Ordering::SeqCst);
                // Early items are slow, so later ones finish first.
                std::thread::sleep(Duration::from_micros((200 - n) * 5 % 700));
                n * 2
            },
            |i, doubled| {
                // Taking item i, at most `window` items past it have started.
                assert!(started.load(Ordering::SeqCst) <= i + pipeline.window, "ran past the window at {i}");
                got.push((i, doubled));
                Ok(())
            },
        );
        assert_eq!(out, Ok(()));
        assert_eq!(got, items.iter().map(|&n| (n as usize, n * 2)).collect::<Vec<_>>());
    }

    /// The consumer's first error ends the run, and items past the window
    /// are never mapped.
    #[test]
    fn an_error_stops_the_workers() {
        let items: Vec<usize> = (0..1000).collect();
        let mapped = AtomicUsize::new(0);
        let pipeline = Pipeline { workers: 2, window: 3 };
        let out = pipeline.map_in_order(
            &items,
            |&n| {
                mapped.fetch_add(1, Ordering::SeqCst);
                n
            },
            |i, _| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(out, Err(10));
        assert!(mapped.load(Ordering::SeqCst) <= 10 + 3 + 2, "{} mapped", mapped.load(Ordering::SeqCst));
    }

    /// A panic in a worker reaches the caller instead of hanging the run.
    #[test]
    fn a_worker_panic_is_raised_on_the_caller() {
        let items: Vec<usize> = (0..100).collect();
        let caught = catch_unwind(|| {
            Pipeline { workers: 2, window: 2 }.map_in_order(
                &items,
                |&n| assert!(n != 7, "item 7"),
                |_, ()| Ok::<(), ()>(()),
            )
        });
        assert!(caught.is_err());
    }

    #[test]
    fn no_items_no_calls() {
        let out = Pipeline::with_workers(2).map_in_order(&[] as &[u8], |_| unreachable!(), |_, ()| Err(()));
        assert_eq!(out, Ok(()));
    }
}
