//! Test support: a local AWS Proton endpoint and an S3 server, both on 127.0.0.1 at a free
//! port, for running the real AWS SDK against in tests.
//!
//! [`ProtonServer`] speaks the Proton JSON protocol (awsJson1_0, `X-Amz-Target:
//! AwsProton20200720.<Operation>`) for the template, template-version, tagging and
//! template-sync operations, keeps state, validates names and versions as the API model
//! does, enforces client-token idempotency (same token and parameters: the original
//! result; same token, other parameters: `ValidationException` /
//! `IdempotentParameterMismatch`; tokens expire after eight hours of the injectable
//! [`Clock`]), moves versions through `REGISTRATION_IN_PROGRESS` to `DRAFT` (or
//! `REGISTRATION_FAILED` when the bundle in S3 is missing or broken), and injects
//! faults: throttling, server errors, and a connection dropped after a request was applied.
//! [`S3Server`] is `s3s-fs` over a temporary folder; Proton reads uploaded bundles from it.

mod proton;
mod serve;

pub use proton::{Clock, Fault, ProtonServer};
pub use serve::S3Server;

/// The credentials both servers accept.
pub const ACCESS_KEY: &str = "AKIDPROTONKITTEST";
/// The secret of [`ACCESS_KEY`].
pub const SECRET_KEY: &str = "protonkit-test-secret-never-printed";
