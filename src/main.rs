//! The `ctxmod` binary: a thin wrapper around [`ctxmod::cli::run`].

fn main() {
    // Without the handler a signal still ends the run, only less tidily;
    // failing to install it is no reason not to run.
    let _ = ctxmod::output::interrupt::install();
    std::process::exit(ctxmod::cli::run());
}
