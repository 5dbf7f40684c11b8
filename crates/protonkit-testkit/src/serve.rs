//! Serving hyper services on loopback, and the S3 server.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use tokio::net::TcpListener;

/// Serves `service` on 127.0.0.1 at a free port, until the returned task is aborted.
pub(crate) async fn serve<S, B>(service: S) -> (SocketAddr, tokio::task::JoinHandle<()>)
where
    S: hyper::service::Service<
            hyper::Request<hyper::body::Incoming>,
            Response = hyper::Response<B>,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let service = service.clone();
            tokio::spawn(async move {
                let _ = Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (addr, task)
}

/// An S3-compatible server (`s3s-fs`) over a folder, on 127.0.0.1.
pub struct S3Server {
    addr: SocketAddr,
    root: PathBuf,
    _task: tokio::task::JoinHandle<()>,
}

impl S3Server {
    /// Starts a server storing objects under `root` (`root/<bucket>/<key>`), with the
    /// buckets named in `buckets` created.
    ///
    /// # Panics
    /// When the folder cannot be used or the port cannot be bound (a broken test setup).
    pub async fn start(root: &Path, buckets: &[&str]) -> S3Server {
        for bucket in buckets {
            std::fs::create_dir_all(root.join(bucket)).expect("bucket folder");
        }
        let fs = s3s_fs::FileSystem::new(root).expect("s3s-fs root");
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(
            crate::ACCESS_KEY,
            crate::SECRET_KEY,
        ));
        let (addr, task) = serve(builder.build()).await;
        S3Server {
            addr,
            root: root.to_path_buf(),
            _task: task,
        }
    }

    /// `http://127.0.0.1:<port>`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where the objects are stored.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }
}
