//! Memory management: the heap of garbage-collected objects and the collector.

pub mod collect;
pub mod heap;
