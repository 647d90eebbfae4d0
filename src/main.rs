//! The `newsgraph` command: a thin layer over the `newsgraph` library (argument parsing,
//! progress, output and exit codes). See `newsgraph --help`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
