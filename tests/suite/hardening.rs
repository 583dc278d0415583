//! Hardening of the command line (issue 9): inputs that are not regular files or are huge,
//! no spec found, echoed source lines clipped.

use crate::support::Test;

#[test]
fn devices_fifos_and_folders_are_refused_as_specs() {
    Test::new()
        .args(&["check", "/dev/zero"])
        .run()
        .code(2)
        .stderr_has("not a regular file");
    let run = Test::new().spec("system \"S\" {}\n").run();
    let fifo = run.dir.join("pipe.mlsd");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // A FIFO with no writer: refused at once, never opened (which would block).
    for cmd in ["check", "build", "fmt"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"))
            .args([cmd, "pipe.mlsd"])
            .current_dir(&run.dir)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{cmd}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&run.dir);
}

#[test]
fn a_spec_over_64_mib_is_refused() {
    let run = Test::new().spec("system \"S\" {}\n").run();
    let big = std::fs::File::create(run.dir.join("big.mlsd")).expect("create");
    big.set_len(64 * 1024 * 1024 + 1).expect("sparse file");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsd"))
        .args(["check", "big.mlsd"])
        .current_dir(&run.dir)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than 64 MiB"), "{stderr}");
    let _ = std::fs::remove_dir_all(&run.dir);
}

#[test]
fn no_spec_found_is_an_error_for_check_and_fmt() {
    for args in [
        &["check", "--deny-warnings", "empty"][..],
        &["check", "empty"][..],
        &["fmt", "--check", "empty"][..],
        &["fmt", "empty"][..],
        &["build", "empty"][..],
    ] {
        Test::new()
            .file("empty/notes.txt", b"not a spec")
            .args(args)
            .run()
            .code(2)
            .stderr_has("no `.mlsd` files found in `empty`");
    }
}

#[test]
fn a_long_line_is_echoed_clipped_around_the_span() {
    let long = "x".repeat(1_000_000);
    let spec = format!(
        "system \"S\" {{}}\nservice a {{ tech: \"{long}\"; replics: 2; tech2: \"{long}\" }}\nservice b {{ replics: 1 }}\n"
    );
    let out = Test::new().spec(&spec).args(&["check", "spec.mlsd"]).run();
    assert!(
        out.code != 0,
        "{}",
        &out.stderr[..out.stderr.len().min(2000)]
    );
    assert!(
        out.stderr.len() < 20_000,
        "{} bytes of diagnostics for a 2 MB line",
        out.stderr.len()
    );
    assert!(out.stderr.contains("replics"), "{}", out.stderr);
    assert!(out.stderr.contains('…'), "{}", out.stderr);
    // The header names the column in the file, not in the clipped echo: `replics` stands
    // after `service a { tech: "` (19 characters), the 1,000,000 x's and `"; `.
    assert!(out.stderr.contains("spec.mlsd:2:1000023"), "{}", out.stderr);
}

/// Every generated file of `spec`, by path.
fn build(spec: &str) -> Vec<mlsd::output::GeneratedFile> {
    let options = mlsd::build::BuildOptions {
        png: false,
        ..Default::default()
    };
    mlsd::build::build_source(spec.as_bytes(), "spec.mlsd", &options)
        .files
        .expect("no errors")
        .expect("renders")
}

#[test]
fn cost_lines_show_the_price_as_written() {
    let spec = "system \"S\" {}\nservice a { replicas: 2 }\ndeployment {\n  region r {\n    cluster c {\n      node_pool p { instance: \"x\"; count: 14; cost: $0.714/h\n        run a\n      }\n    }\n  }\n}\n";
    let files = build(spec);
    let all: String = files
        .iter()
        .filter(|f| f.path.ends_with(".md"))
        .map(|f| String::from_utf8_lossy(&f.contents).into_owned())
        .collect();
    assert!(
        all.contains("14 × $0.714 × 720 h = $7,197.12"),
        "{}",
        all.lines()
            .filter(|l| l.contains('×'))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(!all.contains("$0.71 "), "no rounded price shown");
}

#[test]
fn a_spec_without_deployment_draws_its_components_unplaced() {
    let spec = "system \"S\" {}\nuser u\nservice api \"Feed API\" { replicas: 3 }\ndatabase db\nu -> api -> db\n";
    let files = build(spec);
    let svg = files
        .iter()
        .find(|f| f.path.ends_with(".svg") && f.path.contains("deployment"))
        .map(|f| String::from_utf8_lossy(&f.contents).into_owned())
        .expect("a deployment diagram");
    for text in ["Not placed yet", "Feed API", "x3", "db", "deployment {"] {
        assert!(svg.contains(text), "{text} missing:\n{svg}");
    }
    assert!(!svg.contains(">u<"), "users are not deployed");
}

#[test]
fn groups_nested_past_the_json_limit_are_drawn() {
    // serde_json stops parsing text at 128 levels: 63 groups deep was already too deep.
    let depth = 100;
    let mut spec = String::from("system \"S\" {}\n");
    for i in 0..depth {
        spec.push_str(&format!("group g{i} {{\n"));
    }
    spec.push_str("service a\nservice b\na -> b\n");
    spec.push_str(&"}\n".repeat(depth));
    let files = build(&spec);
    let svg = files
        .iter()
        .find(|f| f.path.ends_with("architecture.svg"))
        .map(|f| String::from_utf8_lossy(&f.contents).into_owned())
        .expect("an architecture diagram");
    assert!(
        svg.contains("g99") && svg.contains("g0"),
        "every group drawn"
    );
}

#[test]
fn watch_recovers_when_the_spec_folder_is_deleted_and_made_again() {
    let spec = |label: &str| format!("system \"S\" {{}}\nservice api \"{label}\"\n");
    let mut run = Test::new()
        .file("sub/spec.mlsd", spec("First").as_bytes())
        .args(&["watch", "sub/spec.mlsd", "--format", "svg"])
        .spawn();
    run.wait_lines("watching sub/spec.mlsd", 1);
    let sub = run.dir().join("sub");
    std::fs::remove_dir_all(&sub).expect("delete the folder");
    run.wait_lines("was removed; waiting for it to come back", 1);
    std::fs::create_dir(&sub).expect("make it again");
    std::fs::write(sub.join("spec.mlsd"), spec("Second")).expect("write");
    run.wait_until("a rebuild from the new folder", |r| {
        std::fs::read_to_string(r.dir().join("sub/spec/diagrams/architecture.svg"))
            .is_ok_and(|svg| svg.contains("Second"))
    });
    // And it keeps following the new folder.
    std::fs::write(sub.join("spec.mlsd"), spec("Third")).expect("write");
    run.wait_until("a rebuild after an edit", |r| {
        std::fs::read_to_string(r.dir().join("sub/spec/diagrams/architecture.svg"))
            .is_ok_and(|svg| svg.contains("Third"))
    });
    run.interrupt();
}

/// The status line of one request to the preview, sent with `headers`.
fn status(port: u16, path: &str, headers: &str) -> (String, std::net::TcpStream) {
    use std::io::{Read as _, Write as _};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\n{headers}\r\n").expect("send");
    let mut head = [0u8; 12];
    s.read_exact(&mut head).expect("a status line");
    (String::from_utf8_lossy(&head).into_owned(), s)
}

#[test]
fn the_preview_refuses_two_hosts_and_keeps_room_for_plain_requests() {
    let mut run = Test::new()
        .spec("system \"S\" {}\nservice api\n")
        .args(&["watch", "spec.mlsd", "--serve", "--format", "svg"])
        .spawn();
    run.wait_lines("watching spec.mlsd", 1);
    let line = run
        .lines()
        .into_iter()
        .find(|l| l.starts_with("preview: "))
        .expect("the preview's address");
    let port: u16 = line
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .expect("a port");
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    assert!(status(port, "/state", &host).0.ends_with("200"));
    let (two, _) = status(port, "/state", &format!("{host}Host: evil.example\r\n"));
    assert!(two.ends_with("400"), "{two}");

    // Idle live previews, more than the server holds: each is answered (stream or 503).
    let mut streams = Vec::new();
    for _ in 0..100 {
        streams.push(status(port, "/events", &host));
    }
    let open = streams.iter().filter(|(s, _)| s.ends_with("200")).count();
    assert!(open > 0 && open < 64, "{open} streams open");
    let (state, _) = status(port, "/state", &host);
    assert!(
        state.ends_with("200"),
        "/state with {open} streams open: {state}"
    );
    drop(streams);
    run.interrupt();
}
