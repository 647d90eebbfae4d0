//! The HTML viewer in a real browser: the bundled samples are ingested into a temporary store,
//! exported with `--format html`, and `tests/browser/viewer.py` drives headless Chromium through
//! chromedriver over the page: search for Stoltenberg, click his node (office: Secretary General
//! of NATO), open the office edge and another edge and check their evidence sentences, save
//! screenshots, and fail if the page asks for anything but `file:`, `data:`, `about:` or the
//! test's own loopback server. When `newsgraph serve` exists, the viewer it serves at `/` is put
//! through the same steps.
//!
//! Needs `chromium`, `chromedriver` (Debian: `apt-get install chromium chromium-driver`) and
//! `python3` (standard library only). Without them the test says "skipped: …" and passes, unless
//! the `CI` environment variable is set, where it fails. `NEWSGRAPH_CHROMIUM` and
//! `NEWSGRAPH_CHROMEDRIVER` name other binaries; screenshots go to `NEWSGRAPH_SCREENSHOTS` or
//! `<target>/tmp/browser-screenshots/`.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Waits for the server to accept connections and for one page load.
const WAIT: Duration = Duration::from_secs(20);
/// The browser script's own limit; the test kills it a little after that.
const SCRIPT_LIMIT: Duration = Duration::from_secs(90);

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn ok(args: &[&str]) -> String {
    let out = bin().args(args).output().expect("newsgraph runs");
    assert!(
        out.status.success(),
        "newsgraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `name` as an executable file: the path in `var` if set, else the first of `paths` that
/// exists, else `name` searched on PATH.
fn tool(var: &str, paths: &[&str], names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    paths
        .iter()
        .map(PathBuf::from)
        .chain(
            names
                .iter()
                .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))),
        )
        .find(|p| p.is_file())
}

/// A child process that is killed and reaped however the test ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// One `GET path` over HTTP/1.0: the status line and the body.
fn http_get(addr: SocketAddr, path: &str) -> std::io::Result<(String, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_read_timeout(Some(WAIT))?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n")?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    Ok((
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    ))
}

/// Starts `newsgraph serve` on a free loopback port and waits until `/` answers with the viewer.
fn serve(store: &str, logs: &Path) -> (Guard, SocketAddr) {
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let log = File::create(logs.join("serve.log")).expect("serve log");
    let child = bin()
        .args(["serve", "--store", store, "--bind", &addr.to_string()])
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("serve log"))
        .stderr(log)
        .spawn()
        .expect("newsgraph serve starts");
    let mut guard = Guard(child);
    let start = Instant::now();
    loop {
        if let Some(status) = guard.0.try_wait().expect("serve status") {
            let log = fs::read_to_string(logs.join("serve.log")).unwrap_or_default();
            panic!("newsgraph serve exited ({status}) before answering:\n{log}");
        }
        match http_get(addr, "/") {
            Ok((status, body)) => {
                assert!(
                    status.contains(" 200"),
                    "GET / on newsgraph serve: {status}"
                );
                assert!(
                    body.contains("id=\"graph\"") && body.contains("id=\"search\""),
                    "GET / on newsgraph serve is not the viewer:\n{}",
                    &body[..body.len().min(500)]
                );
                return (guard, addr);
            }
            Err(e) if start.elapsed() > WAIT => {
                panic!("newsgraph serve at {addr} not answering after {WAIT:?}: {e}")
            }
            Err(_) => sleep(Duration::from_millis(100)),
        }
    }
}

#[test]
fn viewer_works_in_headless_chromium_without_the_network() {
    let started = Instant::now();
    let chromium = tool(
        "NEWSGRAPH_CHROMIUM",
        &["/usr/bin/chromium"],
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let chromedriver = tool(
        "NEWSGRAPH_CHROMEDRIVER",
        &["/usr/bin/chromedriver"],
        &["chromedriver"],
    );
    let python = tool("NEWSGRAPH_PYTHON", &[], &["python3"]);
    let missing: Vec<&str> = [
        ("chromium", chromium.is_none()),
        ("chromedriver", chromedriver.is_none()),
        ("python3", python.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, gone)| gone.then_some(name))
    .collect();
    if !missing.is_empty() {
        let what = format!(
            "{} not found (Debian: apt-get install chromium chromium-driver python3)",
            missing.join(", ")
        );
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("CI is set and the browser test cannot run: {what}");
        }
        eprintln!("skipped: browser test: {what}");
        return;
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store").display().to_string();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    ok(&["ingest", "--store", &store, &samples.display().to_string()]);
    let html = dir.path().join("graph.html");
    ok(&[
        "export",
        "--store",
        &store,
        "--format",
        "html",
        "-o",
        &html.display().to_string(),
    ]);

    let shots = std::env::var_os("NEWSGRAPH_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots"));
    let _ = fs::remove_dir_all(&shots);
    fs::create_dir_all(&shots).expect("screenshot dir");

    // `serve` is newer than `export`: test it only when this binary has it.
    let has_serve = ok(&["--help"])
        .lines()
        .any(|l| l.split_whitespace().next() == Some("serve"));
    let server = if has_serve {
        Some(serve(&store, dir.path()))
    } else {
        eprintln!("skipped: the served viewer: this newsgraph has no `serve` command");
        None
    };

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/viewer.py");
    let mut cmd = Command::new(python.unwrap());
    cmd.arg(&script)
        .arg("--html")
        .arg(&html)
        .arg("--screenshot")
        .arg(&shots)
        .arg("--chromium")
        .arg(chromium.unwrap())
        .arg("--chromedriver")
        .arg(chromedriver.unwrap())
        .arg("--time-limit")
        .arg(SCRIPT_LIMIT.as_secs().to_string());
    if let Some((_, addr)) = &server {
        cmd.arg("--url").arg(format!("http://{addr}/"));
    }
    let out_path = dir.path().join("viewer.log");
    let out = File::create(&out_path).expect("script log");
    cmd.stdin(Stdio::null())
        .stdout(out.try_clone().expect("script log"))
        .stderr(out);
    let mut script_run = Guard(cmd.spawn().expect("python3 runs"));
    let deadline = Instant::now() + SCRIPT_LIMIT + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = script_run.0.try_wait().expect("script status") {
            break Some(status);
        }
        if Instant::now() > deadline {
            break None;
        }
        sleep(Duration::from_millis(100));
    };
    drop(script_run);
    drop(server);
    let log = fs::read_to_string(&out_path).unwrap_or_default();
    println!("{log}");
    match status {
        Some(s) if s.success() => {}
        Some(s) => panic!("the browser script failed ({s}):\n{log}"),
        None => panic!("the browser script did not finish in {SCRIPT_LIMIT:?}:\n{log}"),
    }
    if !has_serve {
        assert!(
            !log.contains("serve ("),
            "served viewer tested without a server"
        );
    } else {
        assert!(
            log.contains("serve (http://127.0.0.1:"),
            "the served viewer was not tested:\n{log}"
        );
    }
    println!(
        "browser test passed in {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        shots.display()
    );
}
