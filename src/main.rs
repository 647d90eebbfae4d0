//! The `newsgraph` command: a thin layer over the `newsgraph` library (argument parsing,
//! progress, output and exit codes). See `newsgraph --help`.

mod cli;

use std::process::ExitCode;

/// mimalloc instead of glibc's malloc on Linux: extraction makes and drops millions of small
/// strings and vectors (tokens, mentions, quad terms), and malloc and free took ~13 % of
/// `extract` (see the README's "Performance"). Built with `override` (Cargo.toml), it is also
/// the C `malloc` and C++ `new` of RocksDB, which is what makes it safe: Oxigraph frees
/// RocksDB's C error strings with Rust's allocator. The library leaves the choice to its users;
/// this is the command's.
#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main()
}
