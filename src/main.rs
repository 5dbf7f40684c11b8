//! The `protonkit` binary; everything it does lives in the `protonkit-cli` crate.

fn main() -> std::process::ExitCode {
    protonkit_cli::main()
}
