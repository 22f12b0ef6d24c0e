//! The `kehoach` binary: parse arguments, run a command, map the outcome to an exit code.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    kehoach::cli::run()
}

/// mimalloc gives memory freed for 10 ms back to the kernel, which must then
/// zero it (in 2 MiB huge pages) when typst asks again: a batch of plans did so
/// plan after plan. Kept instead, a batch's memory stays at its peak for one plan
/// (about 70 MiB for 1,000 plans) and 1,000 plans render about 5% faster
/// (README, "Tốc độ"). `serve` keeps its peak too: that of its largest preview.
#[cfg(feature = "mimalloc")]
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h (v2), which the bindings do not name.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets an option's value; mimalloc reads it on its next purge, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(not(feature = "mimalloc"))]
fn keep_freed_memory() {}
