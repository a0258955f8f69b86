//! One error type for the whole tool, mapped to the exit codes DESIGN.md promises.

use std::fmt;
use std::path::{Path, PathBuf};

/// Everything that can stop a command. Each variant says what went wrong, where, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `briefing.toml` (or another config file) cannot be read or is invalid.
    #[error("{}: {message}", path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong, with key and line where known.
        message: String,
    },
    /// An input article cannot be used.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        /// The article file.
        path: PathBuf,
        /// The 1-based line, where known.
        line: Option<usize>,
        /// What is wrong and what to do.
        message: String,
    },
    /// A template does not parse or does not render.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name (`briefing.html`, …) or its path when overridden.
        name: String,
        /// The tera report, which names line and column.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The generated briefing is out of date (`briefing check`).
    #[error("{0}")]
    Stale(String),
    /// Warnings were found and `--deny-warnings` turned them into a failure.
    #[error("{count} warning(s) and --deny-warnings is set")]
    DeniedWarnings {
        /// How many warnings there were.
        count: usize,
    },
    /// The command ran to the end but found problems (bad stream lines): exit 1.
    #[error("{0}")]
    Findings(String),
    /// Anything else the user asked for that cannot be done.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The process exit code: 1 for a stale briefing or findings, 2 for usage and input errors.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Stale(_) | Error::DeniedWarnings { .. } | Error::Findings(_) => 1,
            _ => 2,
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Something wrong with the input that does not stop the build: reported, and fatal only with
/// `--deny-warnings`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    /// The file concerned.
    pub path: PathBuf,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// What happened and what the tool did about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Prints a line to stderr, its leading `error:` or `warning:` label coloured (bold red, bold
/// yellow) when stderr is a terminal and `NO_COLOR` is unset (anstream decides, as for clap's
/// own messages).
pub fn eprint_labelled(line: &str) {
    use std::io::Write as _;
    let labels = [
        ("error:", anstyle::AnsiColor::Red),
        ("warning:", anstyle::AnsiColor::Yellow),
    ];
    let mut stderr = anstream::stderr().lock();
    let written = match labels.iter().find(|(label, _)| line.starts_with(label)) {
        Some((label, colour)) => {
            let style = anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::Color::Ansi(*colour)));
            writeln!(stderr, "{style}{label}{style:#}{}", &line[label.len()..])
        }
        None => writeln!(stderr, "{line}"),
    };
    // Nowhere to report a failure to write to stderr.
    drop(written);
}

/// Prints `warning: {message}` to stderr, the label coloured as by [`eprint_labelled`].
pub fn print_warning(message: &str) {
    eprint_labelled(&format!("warning: {message}"));
}

/// Prints `error: {message}` to stderr, the label coloured as by [`eprint_labelled`].
pub fn print_error(message: &str) {
    eprint_labelled(&format!("error: {message}"));
}
