//! `mlsd watch SPEC [-o DIR] [--serve] [--port N]`: file-system events on the spec -> a
//! rebuild per save (debounced), one line each; with `--serve`, a live preview on 127.0.0.1.
//!
//! The spec's parent folder is watched, not the file: editors that save by writing a temporary
//! file and renaming it, or by deleting and recreating, replace the inode a file watch follows.

mod rebuild;
mod serve;
mod staged;

use std::ffi::OsString;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use super::{EXIT_OK, EXIT_TROUBLE, WatchArgs, build};
use mlsd::output::WriteOptions;
use rebuild::{Rebuilder, Step};
use serve::Preview;

/// A save is over when its events stop for this long (editors write in bursts).
const QUIET: Duration = Duration::from_millis(50);
/// A stream of events that never stops still builds this often.
const MAX_SETTLE: Duration = Duration::from_millis(500);

/// What the watch loop reacts to.
enum Msg {
    Fs(notify::Result<notify::Event>),
    Stop,
}

pub fn run(args: &WatchArgs) -> u8 {
    match watch(args) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_TROUBLE
        }
    }
}

fn watch(args: &WatchArgs) -> Result<(), String> {
    let options = build::options(&args.options)?;
    let no_svg = options
        .formats
        .as_ref()
        .is_some_and(|f| !f.contains(&mlsd::model::DiagramFormat::Svg));
    if args.serve && no_svg {
        return Err("the preview shows the SVG diagrams: keep `svg` in --format".into());
    }
    let shown = args.file.display();
    let spec =
        std::path::absolute(&args.file).map_err(|e| format!("cannot find `{shown}`: {e}"))?;
    if !spec.is_file() {
        return Err(format!("cannot read `{shown}`: no such file"));
    }
    let (Some(dir), Some(name)) = (spec.parent(), spec.file_name()) else {
        return Err(format!("cannot watch `{shown}`: not a file in a folder"));
    };
    let name = name.to_os_string();

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    })
    .map_err(|e| format!("cannot catch Ctrl-C: {e}"))?;
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(Msg::Fs(event));
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    // Watch before the first build, so a save made during it is not lost.
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch `{}`: {e}", dir.display()))?;

    let out = args
        .out
        .clone()
        .unwrap_or_else(|| build::default_out(&args.file));
    let preview = if args.serve {
        // The site is served whenever it exists: `--site` or the spec's `output { site }`.
        let site = Some(std::path::absolute(&out).unwrap_or_else(|_| out.clone()))
            .map(|o| o.join(mlsd::site::DIR));
        let with_site = options.site == Some(true);
        let (preview, url) = serve::start(args.port, &shown.to_string(), site)
            .map_err(|e| format!("cannot serve the preview on 127.0.0.1:{}: {e}", args.port))?;
        eprintln!("preview: {url}");
        if with_site {
            eprintln!("site: {url}site/index.html");
        }
        Some(preview)
    } else {
        None
    };
    let write = WriteOptions {
        force: args.options.force,
        follow_symlinks: args.options.follow_symlinks,
        prune: args.options.prune,
        // Set from each build's options (the spec's `output` section may change).
        left_out: Default::default(),
    };
    let mut rebuilder = Rebuilder::new(&args.file, out, options, args.options.deny_warnings, write);
    let verb = format!("built {shown} -> {}", rebuilder.out().display());
    report(
        rebuilder.step(&verb, &mut |s| show_early(s, preview.as_deref())),
        &shown.to_string(),
        preview.as_deref(),
    );
    eprintln!("watching {shown} for changes (Ctrl-C to stop)");

    let mut watched = folder_id(dir);
    let mut lost = false;
    loop {
        let msg = match rx.recv_timeout(RECHECK) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Disconnected) => break,
            // The folder deleted and made again (or replaced) is another folder: the watch on
            // the old one hears nothing more. Look now and then, and watch the new one.
            Err(RecvTimeoutError::Timeout) => {
                let now = folder_id(dir);
                // Gone once, then back (its inode may be the old one's, reused), or another
                // folder at the path: watch the folder afresh.
                lost |= now.is_none();
                if now.is_some() && (now != watched || lost) {
                    lost = false;
                    let _ = watcher.unwatch(dir);
                    if watcher.watch(dir, RecursiveMode::NonRecursive).is_ok() {
                        watched = now;
                        report(
                            rebuilder.step("rebuilt", &mut |s| show_early(s, preview.as_deref())),
                            &shown.to_string(),
                            preview.as_deref(),
                        );
                    }
                }
                continue;
            }
        };
        match msg {
            Msg::Stop => break,
            Msg::Fs(Ok(event)) if concerns(&event, &name) => {
                if !settle(&rx, &name) {
                    break;
                }
                report(
                    rebuilder.step("rebuilt", &mut |s| show_early(s, preview.as_deref())),
                    &shown.to_string(),
                    preview.as_deref(),
                );
                // The spec went with its folder: the watch went too.
                lost |= !dir.exists();
            }
            Msg::Fs(Ok(_)) => {}
            Msg::Fs(Err(e)) => eprintln!("warning: watching `{}`: {e}", dir.display()),
        }
    }
    drop(watcher);
    eprintln!("stopped watching {shown}");
    Ok(())
}

/// How often the watched folder is looked at, to notice it was replaced.
const RECHECK: Duration = Duration::from_millis(500);

/// The identity of a folder (device and inode): another folder at the same path differs.
fn folder_id(dir: &std::path::Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

/// Passes the SVGs of a build to the preview before its PNGs are drawn.
fn show_early(shown: rebuild::Shown, preview: Option<&Preview>) {
    if let Some(p) = preview {
        p.show(shown);
    }
}

/// Prints what a step did and passes it to the preview.
fn report(step: Step, shown: &str, preview: Option<&Preview>) {
    match step {
        Step::Unchanged => {}
        Step::Missing => eprintln!("`{shown}` was removed; waiting for it to come back"),
        Step::Back => eprintln!("`{shown}` is back, unchanged since the last build"),
        Step::Built { log, shown } => {
            eprint!("{log}");
            if let Some(p) = preview {
                p.show(shown);
            }
        }
    }
}

/// Whether an event may have changed the spec: a creation, change, rename or removal that
/// names it, or a sign that events were lost. Reads (ours included) are not.
fn concerns(event: &notify::Event, name: &OsString) -> bool {
    // Events were lost (the kernel's queue overflowed): look at the spec again.
    if event.need_rescan() {
        return true;
    }
    let kind = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    kind && event
        .paths
        .iter()
        .any(|p| p.file_name() == Some(name.as_os_str()))
}

/// Waits until the spec's events stop for [`QUIET`] (at most [`MAX_SETTLE`]); false when
/// asked to stop meanwhile.
fn settle(rx: &Receiver<Msg>, name: &OsString) -> bool {
    let first = Instant::now();
    let mut last = first;
    loop {
        let now = Instant::now();
        let until = (last + QUIET).min(first + MAX_SETTLE);
        let Some(wait) = until.checked_duration_since(now).filter(|w| !w.is_zero()) else {
            return true;
        };
        match rx.recv_timeout(wait) {
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
            Ok(Msg::Fs(Ok(event))) if concerns(&event, name) => last = Instant::now(),
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(path.into())
    }

    #[test]
    fn only_changes_to_the_spec_count() {
        let name = OsString::from("spec.mlsd");
        let changes = [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ];
        for kind in changes {
            assert!(concerns(&event(kind, "/d/spec.mlsd"), &name), "{kind:?}");
            assert!(!concerns(&event(kind, "/d/other.mlsd"), &name), "{kind:?}");
        }
        // Our own reads of the spec.
        let read = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!concerns(&event(read, "/d/spec.mlsd"), &name));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!concerns(&event(closed, "/d/spec.mlsd"), &name));
    }
}
