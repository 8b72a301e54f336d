//! The `etcdkit` binary: everything lives in [`etcdkit::cli`].

fn main() -> std::process::ExitCode {
    etcdkit::cli::main()
}
