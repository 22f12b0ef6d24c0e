//! The `kehoach` binary: parse arguments, run a command, map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    kehoach::cli::run()
}
