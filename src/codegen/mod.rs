//! Model -> skeleton implementation files: Python stubs (by default) and a Rust crate (on
//! request). Pure: nothing here touches the file system.

mod entity_graph;
pub mod names;
mod python;
mod rust;
mod type_names;

use crate::model::Model;
use crate::model::kinds::StubWord;
use crate::output::GeneratedFile;

/// Which stub languages to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StubOptions {
    pub python: bool,
    pub rust: bool,
}

impl Default for StubOptions {
    fn default() -> Self {
        StubOptions {
            python: true,
            rust: false,
        }
    }
}

impl std::str::FromStr for StubOptions {
    type Err = String;

    /// `--stubs` values, comma-separated: `python` (the default) writes the Python stubs of the
    /// design folder; `rust` also writes the Rust crate (`rust` and `python,rust` are the same:
    /// the Python stubs belong to every design folder); `none` writes no stubs.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut words = Vec::new();
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            words.push(StubWord::parse(word).ok_or_else(|| {
                format!(
                    "unknown stub language `{word}`; use `python`, `rust`, `python,rust` or `none`"
                )
            })?);
        }
        Ok(StubOptions::from_words(&words))
    }
}

impl StubOptions {
    /// The stubs the words of `--stubs` or `output { stubs }` ask for: the Python stubs
    /// unless `none` is among them, the Rust crate too with `rust`.
    pub fn from_words(words: &[StubWord]) -> StubOptions {
        if words.contains(&StubWord::NoStubs) {
            return StubOptions {
                python: false,
                rust: false,
            };
        }
        StubOptions {
            python: true,
            rust: words.contains(&StubWord::Rust),
        }
    }
}

/// The implementation files for `model`, sorted by path; `spec_name` goes into each file's
/// header. The same model gives the same bytes.
pub fn generate(model: &Model, spec_name: &str, options: &StubOptions) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    if options.python {
        files.extend(python::generate(model, spec_name));
    }
    if options.rust {
        files.extend(rust::generate(model, spec_name));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

#[cfg(test)]
mod tests {
    use super::StubOptions;

    #[test]
    fn stubs_flag() {
        let both = StubOptions {
            python: true,
            rust: true,
        };
        let none = StubOptions {
            python: false,
            rust: false,
        };
        assert_eq!("python,rust".parse::<StubOptions>(), Ok(both));
        assert_eq!("python".parse::<StubOptions>(), Ok(StubOptions::default()));
        assert_eq!("none".parse::<StubOptions>(), Ok(none));
        // `rust` adds the crate to the Python stubs every design folder has.
        assert_eq!("rust".parse::<StubOptions>(), Ok(both));
        let err = "python,go".parse::<StubOptions>().unwrap_err();
        assert!(err.contains("unknown stub language `go`"), "{err}");
    }
}
