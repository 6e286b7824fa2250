//! The Tera templates of the reports: the built-in ones embedded from
//! `templates/`, or edited copies from a directory, and the mapping of
//! template errors to the file and line that caused them.

use std::path::Path as FsPath;
use std::sync::Arc;

use miette::NamedSource;
use tera::{Context, ErrorKind, Tera};

use super::filters;
use crate::error::{InputError, Location};
use crate::input::source::display_path;

/// The as-of block both reports include.
pub const AS_OF_TEMPLATE: &str = "as_of.md.tera";
/// The template of `cost_roi_analysis.md`.
pub const COST_REPORT_TEMPLATE: &str = "cost_roi_analysis.md.tera";
/// The template of `executive_summary.md`.
pub const SUMMARY_TEMPLATE: &str = "executive_summary.md.tera";

/// Each report file and the template it is rendered from.
pub const REPORTS: &[(&str, &str)] = &[
    ("cost_roi_analysis.md", COST_REPORT_TEMPLATE),
    ("executive_summary.md", SUMMARY_TEMPLATE),
];

/// Extension of template files.
pub const TEMPLATE_EXTENSION: &str = ".md.tera";

const BUILT_IN: &[(&str, &str)] = &[
    (AS_OF_TEMPLATE, include_str!("../../templates/as_of.md.tera")),
    (
        COST_REPORT_TEMPLATE,
        include_str!("../../templates/cost_roi_analysis.md.tera"),
    ),
    (
        SUMMARY_TEMPLATE,
        include_str!("../../templates/executive_summary.md.tera"),
    ),
];

/// One template and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The name templates include it by, e.g. `as_of.md.tera`.
    pub name: String,
    /// The path shown in errors.
    pub shown_as: String,
    pub text: String,
}

/// The templates one run renders with.
#[derive(Debug, Clone)]
pub struct Templates {
    pub files: Vec<TemplateFile>,
}

impl Templates {
    /// Returns the templates built into roi, copies of `templates/*.md.tera`.
    pub fn built_in() -> Templates {
        Templates {
            files: BUILT_IN
                .iter()
                .map(|(name, text)| TemplateFile {
                    name: name.to_string(),
                    shown_as: format!("templates/{name} (built in)"),
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    /// Reads every `*.md.tera` file of `directory`, and adds the built-in
    /// templates the directory does not replace.
    pub fn from_dir(directory: &FsPath) -> Result<Templates, InputError> {
        let help = "give a directory with edited copies of the files in templates/";
        let entries = std::fs::read_dir(directory).map_err(|error| {
            InputError::new(format!(
                "cannot read template directory `{}`: {error}",
                display_path(directory)
            ))
            .with_help(help)
        })?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|error| {
                    InputError::new(format!("cannot list `{}`: {error}", display_path(directory))).with_help(help)
                })?
                .path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
                continue;
            };
            if !name.ends_with(TEMPLATE_EXTENSION) || !path.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|error| {
                InputError::new(format!("cannot read template `{}`: {error}", display_path(&path)))
                    .with_help("check that the file is readable UTF-8 text")
            })?;
            files.push(TemplateFile {
                name: name.to_string(),
                shown_as: display_path(&path),
                text,
            });
        }
        for built_in in Templates::built_in().files {
            if !files.iter().any(|file| file.name == built_in.name) {
                files.push(built_in);
            }
        }
        files.sort_by(|left, right| left.name.cmp(&right.name));
        Ok(Templates { files })
    }

    /// Lists a warning for each template whose name is not a built-in one:
    /// it replaces nothing and counts only if another template includes it,
    /// so a misspelt copy would otherwise be ignored without a word.
    pub fn unknown_names(&self) -> Vec<String> {
        let built_in: Vec<&str> = BUILT_IN.iter().map(|(name, _)| *name).collect();
        self.files
            .iter()
            .filter(|file| !built_in.contains(&file.name.as_str()))
            .map(|file| {
                let mut warning = format!(
                    "template `{}` replaces no built-in template; it is used only where another template includes it",
                    file.shown_as
                );
                if let Some(suggestion) = crate::input::suggest::did_you_mean(&file.name, built_in.iter().copied()) {
                    warning.push_str(&format!(" (did you mean `{suggestion}`?)"));
                }
                warning
            })
            .collect()
    }

    /// Renders every report with `context`; returns (report file, text)
    /// pairs in the order of [`REPORTS`].
    pub fn render(&self, context: &Context, currency: &str) -> Result<Vec<(String, String)>, InputError> {
        let mut tera = Tera::new();
        // Reports are Markdown: no HTML escaping of any template.
        tera.autoescape_on(Vec::<&str>::new());
        filters::register(&mut tera, currency);
        tera.add_raw_templates(self.files.iter().map(|file| (file.name.as_str(), file.text.as_str())))
            .map_err(|error| self.error(error))?;

        let mut out = Vec::new();
        for (report, template) in REPORTS {
            let text = tera.render(template, context).map_err(|error| self.error(error))?;
            out.push((report.to_string(), text));
        }
        Ok(out)
    }

    /// Converts a Tera error into an input error at the template's line.
    fn error(&self, error: tera::Error) -> InputError {
        let help = "fix the template at the marked line; the built-in templates are in templates/";
        let (ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report)) = error.kind() else {
            let text = error.to_string();
            let text = text.trim_start_matches("error: ");
            return InputError::new(format!("template error: {text}"))
                .with_help("fix the templates named above; the built-in templates are in templates/");
        };
        let mut message = format!("template error: {}", report.message());
        if let Some(cause) = std::error::Error::source(&error) {
            message.push_str(&format!(": {cause}"));
        }
        let Some(file) = self.files.iter().find(|file| file.name == report.filename()) else {
            return InputError::new(format!("{message} (in template `{}`)", report.filename())).with_help(help);
        };
        let span = report.span();
        let start = span.range.start.min(file.text.len());
        let end = span.range.end.clamp(start, file.text.len());
        let location = Location {
            source_name: file.shown_as.clone(),
            source: NamedSource::new(file.shown_as.clone(), Arc::from(file.text.as_str())),
            span: start..end,
            line: span.start_line,
            column: span.start_col + 1,
        };
        InputError::new(message)
            .with_location(location)
            .with_label(report.message().to_string())
            .with_help(help)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: &str, text: &str) -> Templates {
        let mut templates = Templates::built_in();
        for file in &mut templates.files {
            if file.name == name {
                file.text = text.to_string();
                file.shown_as = format!("custom/{name}");
            }
        }
        templates
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let templates = with(SUMMARY_TEMPLATE, "# Title\n\n{% if %}\n");
        let error = templates.render(&Context::new(), "USD").unwrap_err();
        let location = error.location.expect("a location");
        assert_eq!(location.source_name, "custom/executive_summary.md.tera");
        assert_eq!(location.line, 3);
    }

    #[test]
    fn rendering_error_names_file_and_line() {
        // The cost report renders first, so its error comes first.
        let templates = with(COST_REPORT_TEMPLATE, "line 1\nline 2 {{ no_such_value }}\n");
        let error = templates.render(&Context::new(), "USD").unwrap_err();
        let location = error.location.expect("a location");
        assert_eq!(location.source_name, "custom/cost_roi_analysis.md.tera");
        assert_eq!(location.line, 2);
        assert!(error.message.starts_with("template error"), "{}", error.message);
    }
}
