//! The `newsgraph` command: a thin layer over the `newsgraph` library (argument parsing,
//! progress, output and exit codes). See `newsgraph --help`.

mod cli;

use std::process::ExitCode;

/// mimalloc instead of the system allocator: extraction makes and drops millions of small
/// strings and vectors (tokens, mentions, quad terms), and glibc's malloc and free took ~12 %
/// of `extract`'s time (see the README's "Performance"). The library leaves the choice to
/// its users; this is the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
