//! A small builder for CLI runs (just's `Test` pattern) and golden-file helpers.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A run of the `mlsd` binary in a fresh temporary directory.
pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

/// What a run printed and how it exited.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Writes `spec.mlsd` with this text into the run's directory.
    pub fn spec(self, text: &str) -> Self {
        self.file("spec.mlsd", text.as_bytes())
    }

    pub fn file(self, name: &str, bytes: &[u8]) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
        self
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|s| s.to_string()));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Starts `mlsd` without waiting for it: for long-running commands (`watch`).
    pub fn spawn(self) -> Running {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mlsd"));
        cmd.args(&self.args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("mlsd starts");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                sink.lock().expect("lines").push(line);
            }
        });
        Running {
            child,
            lines,
            dir: self.dir,
        }
    }

    pub fn run(self) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mlsd"));
        cmd.args(&self.args)
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("mlsd runs");
        let dir = self.dir.keep();
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            dir,
        }
    }
}

impl Output {
    #[track_caller]
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, text: &str) -> Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A `mlsd` process still running (see [`Test::spawn`]), its stderr collected line by line.
/// Killed when dropped.
pub struct Running {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    dir: tempfile::TempDir,
}

/// How long any wait on a running process may take: generous for a loaded machine, bounded.
pub const WAIT: Duration = Duration::from_secs(60);

impl Running {
    /// The run's directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Every stderr line so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("lines").clone()
    }

    /// How many stderr lines so far contain `text`.
    pub fn count(&self, text: &str) -> usize {
        self.lines().iter().filter(|l| l.contains(text)).count()
    }

    /// Waits (at most [`WAIT`]) until `ready` holds; panics with the stderr so far otherwise.
    #[track_caller]
    pub fn wait_until(&mut self, what: &str, mut ready: impl FnMut(&Self) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "mlsd exited ({status}) while waiting for {what}; stderr:\n{}",
                    self.lines().join("\n")
                );
            }
            if start.elapsed() > WAIT {
                panic!(
                    "timed out waiting for {what}; stderr:\n{}",
                    self.lines().join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until `n` stderr lines contain `text`.
    #[track_caller]
    pub fn wait_lines(&mut self, text: &str, n: usize) {
        self.wait_until(&format!("{n} lines with {text:?}"), |r| r.count(text) >= n);
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit; returns the exit code.
    #[track_caller]
    pub fn interrupt(&mut self) -> Option<i32> {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -INT failed");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code();
            }
            assert!(start.elapsed() < WAIT, "mlsd ignored Ctrl-C");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Compares `actual` with the golden file, or rewrites it when `UPDATE_GOLDEN=1`.
#[track_caller]
pub fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden {}; run with UPDATE_GOLDEN=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the golden file (UPDATE_GOLDEN=1 to accept after review)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        );
    }
}

/// Every `.mlsd` file in `specs/`.
pub fn spec_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("specs"))
        .expect("specs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "mlsd"))
        .collect();
    files.sort();
    files
}

/// Runs `cargo ARGS[0] [--offline] ARGS[1..]` in a generated crate with a shared target folder
/// (serde and friends build once for every crate), online first: a registry hiccup must not
/// fail a gate when the crates are cached, so a failed online run is tried again offline.
/// `Err` holds both runs' stderr.
pub fn cargo_in_crate(krate: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let target = root().join("target/stub-crates");
    let run = |offline: bool| {
        let mut cmd = Command::new(&cargo);
        cmd.arg(args[0]);
        if offline {
            cmd.arg("--offline");
        }
        cmd.args(&args[1..])
            .current_dir(krate)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .expect("cargo runs")
    };
    let online = run(false);
    if online.status.success() {
        return Ok(());
    }
    let offline = run(true);
    if offline.status.success() {
        return Ok(());
    }
    Err(format!(
        "--- online\n{}\n--- offline\n{}",
        String::from_utf8_lossy(&online.stderr),
        String::from_utf8_lossy(&offline.stderr)
    ))
}
