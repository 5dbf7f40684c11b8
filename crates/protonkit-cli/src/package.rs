//! `protonkit package`: a bundle as Proton takes it, the same bytes on every machine.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use protonkit_core::archive::pack_tar_gz;
use protonkit_core::lint;
use sha2::{Digest, Sha256};

use crate::output::Format;
use crate::{load_one_bundle, Checked, ReportArgs, SeverityGate};

/// Package a bundle as Proton's `.tar.gz`: the bundle's folders at the archive root,
/// entries sorted, fixed timestamps, owners and modes, so that the same files give the
/// same bytes on every machine. Prints the archive's SHA-256.
///
/// The bundle is linted first and is not packaged when a finding is at or above
/// `--fail-on` (packing to more than Proton's 5 MB quota is one). Exit status: 0 when the
/// archive was written, 1 when findings stopped it, 2 on a usage or I/O error.
#[derive(clap::Args)]
pub struct PackageArgs {
    /// The bundle folder (or an archive to repackage).
    #[arg(value_name = "BUNDLE")]
    bundle: PathBuf,
    /// Where to write the `.tar.gz`.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Overwrite `--output` if it exists.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    gate: SeverityGate,
    #[command(flatten)]
    report: ReportArgs,
}

pub fn run(args: &PackageArgs) -> Result<ExitCode, String> {
    let (config, options) = args.report.options(&args.bundle)?;
    let (found, model) = load_one_bundle(&args.bundle)?;
    if args.output.exists() && !args.force {
        return Err(format!(
            "`{}` exists; pass --force to overwrite it",
            args.output.display()
        ));
    }
    let diagnostics = lint(&model, &options);
    let bytes = pack_tar_gz(model.files())
        .map_err(|e| format!("`{}` cannot be packaged: {e}", found.display))?;
    let mut results = vec![Checked {
        display: found.display.clone(),
        files: model.into_files(),
        diagnostics,
    }];
    args.report.filter(&config, &mut results);
    let status = args.gate.exit(&config, &results);
    let machine = !matches!(args.report.format(&config), Format::Human | Format::Concise);
    // Machine-readable reports own standard output; the outcome goes to standard error.
    args.report
        .write_to(&config, &results, "1 bundle linted", false)?;
    if status != ExitCode::SUCCESS {
        eprintln!(
            "not packaged: `{}` has findings at or above the failure threshold",
            found.display
        );
        return Ok(status);
    }
    write_atomically(&args.output, &bytes)?;
    let line = format!(
        "{}  {}\n",
        hex(&Sha256::digest(&bytes)),
        args.output.display()
    );
    eprintln!(
        "packaged `{}` into `{}` ({} bytes)",
        found.display,
        args.output.display(),
        bytes.len()
    );
    if machine {
        eprint!("{line}");
        Ok(ExitCode::SUCCESS)
    } else {
        crate::print_quietly(&line).map(|()| ExitCode::SUCCESS)
    }
}

/// Writes beside the target, then renames: a reader never sees half an archive.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write `{}`: {e}", path.display());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let mut file = std::fs::File::create(&temp).map_err(fail)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&temp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            fail(e)
        })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
