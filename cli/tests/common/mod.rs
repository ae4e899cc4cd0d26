//! Running the binary from the tests, in a pinned environment: no colour, UTF-8, width 100.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_ahrefs-filter");

/// The binary with `args`, in an environment that does not depend on the caller's.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .env("TERM", "xterm")
        .env("COLUMNS", "100")
        .stdin(Stdio::null());
    command
}

/// Runs `command` with `input` on stdin.
pub fn output_with_stdin(mut command: Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early: a broken pipe is fine.
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

pub fn run(args: &[&str]) -> Output {
    command(args).output().unwrap()
}

pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    output_with_stdin(command(args), input)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

pub fn status(output: &Output) -> i32 {
    output.status.code().expect("exited, not killed")
}
