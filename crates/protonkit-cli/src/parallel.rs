//! Work spread over threads: many bundles lint on all cores.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The threads to use: `requested`, else one per core the process may run on.
pub fn jobs(requested: Option<NonZeroUsize>) -> usize {
    requested
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
}

/// `f` applied to `0..count` on up to `jobs` threads, results in index order. Threads take
/// the next index as they finish, so one slow item does not hold back a fixed share.
pub fn map<R: Send>(count: usize, jobs: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = jobs.min(count);
    if threads <= 1 {
        return (0..count).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..count).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                if at >= count {
                    break;
                }
                let value = f(at);
                results.lock().unwrap_or_else(|e| e.into_inner())[at] = Some(value);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_their_order_on_any_number_of_threads() {
        for jobs in [1, 2, 7] {
            let squares = map(100, jobs, |i| i * i);
            assert_eq!(squares, (0..100).map(|i| i * i).collect::<Vec<_>>());
        }
        assert!(map(0, 4, |i| i).is_empty());
    }
}
