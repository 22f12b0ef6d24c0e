//! The `kehoach` binary: parse arguments, run a command, map the outcome to an exit code.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kehoach::cli::run()
}
