//! Errors and their exit codes.
//!
//! [`InputError`] is everything the user can fix by editing an input or a
//! command-line argument: it names the file, line and column where it has
//! them, the key, the value and what to write instead, and it exits with 2.
//! [`Error`] wraps it together with failed checks and runtime failures
//! (exit 1), so `main` decides the exit code in one place.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// A place in an input file or a `--set` argument.
#[derive(Debug, Clone)]
pub struct Location {
    /// Display name: the file path as given, or `--set` for an override.
    pub source_name: String,
    /// The whole text of the source, named for the snippet header.
    pub source: NamedSource<Arc<str>>,
    pub span: Range<usize>,
    /// One-based line and column of the span's start.
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.source_name, self.line, self.column)
    }
}

/// An invalid input: a file, a value in it, or a command-line argument.
#[derive(Debug, Clone)]
pub struct InputError {
    pub message: String,
    pub help: Option<String>,
    pub location: Option<Box<Location>>,
    /// Short text under the highlighted span in the rendered snippet.
    pub label: Option<String>,
}

impl InputError {
    /// Creates an error without a location (a missing file, a bad argument).
    pub fn new(message: impl Into<String>) -> Self {
        InputError {
            message: message.into(),
            help: None,
            location: None,
            label: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for InputError {}

impl Diagnostic for InputError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.location
            .as_ref()
            .map(|location| &location.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let location = self.location.as_ref()?;
        let span = location.span.start..location.span.end.max(location.span.start);
        let label = LabeledSpan::new_primary_with_span(self.label.clone(), span);
        Some(Box::new(std::iter::once(label)))
    }
}

/// A failure of the program, with the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid input or usage: exit 2.
    #[error(transparent)]
    Input(Box<InputError>),
    /// A check that ran and failed, such as stale reports: exit 1.
    #[error("{0}")]
    CheckFailed(String),
    /// A failure while running, such as an unwritable output: exit 1.
    #[error("{0}")]
    Runtime(String),
}

impl Error {
    /// Returns the process exit code: 2 for invalid input, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::CheckFailed(_) | Error::Runtime(_) => 1,
        }
    }

    /// Renders the error for stderr, with a source snippet where the error has
    /// a location. The output depends only on the error and `color`.
    pub fn render(&self, color: bool) -> String {
        match self {
            Error::Input(input) => render_diagnostic(input.as_ref(), color),
            other => format!("error: {other}\n"),
        }
    }
}

impl From<InputError> for Error {
    fn from(error: InputError) -> Self {
        Error::Input(Box::new(error))
    }
}

/// Renders an input error: one `error:` line that carries the location, then
/// the snippet and the help from miette's graphical handler.
fn render_diagnostic(error: &InputError, color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};

    let mut out = format!("error: {error}\n");
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_wrap_lines(false)
        .with_links(false)
        .with_context_lines(1);
    let mut rendered = String::new();
    let detail = Detail(error);
    if handler.render_report(&mut rendered, &detail).is_ok() {
        // The first line is miette's empty header.
        let body: Vec<&str> = rendered.lines().skip(1).collect();
        let body = body.join("\n");
        if !body.trim().is_empty() {
            out.push_str(body.trim_end());
            out.push('\n');
        }
    }
    out
}

/// Adapter that gives miette the snippet under the file's display name.
struct Detail<'a>(&'a InputError);

impl fmt::Debug for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Detail<'_> {
    // The `error:` line carries the message, so miette's header stays empty.
    fn fmt(&self, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl std::error::Error for Detail<'_> {}

impl Diagnostic for Detail<'_> {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}
