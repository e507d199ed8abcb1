//! The `ctxmod` binary: a thin wrapper around [`ctxmod::cli::run`].

fn main() {
    std::process::exit(ctxmod::cli::run());
}
