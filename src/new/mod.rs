//! spec name -> the text of a starter spec (`mlsd new`): every section of the language with
//! placeholder content that checks with no error and no warning. The template is
//! `starter.mlsd`, itself a valid spec.

/// The template, with `__SYSTEM_NAME__` where the system's label goes.
pub const TEMPLATE: &str = include_str!("starter.mlsd");

/// The starter spec for a file named `stem` (`fraud_scoring` -> system "Fraud scoring").
pub fn spec(stem: &str) -> String {
    TEMPLATE.replace("__SYSTEM_NAME__", &label(stem))
}

/// A readable system label from a file stem, safe inside a `"..."` string and a comment.
pub fn label(stem: &str) -> String {
    let words: Vec<&str> = stem
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let mut text = words.join(" ");
    if let Some(first) = text.chars().next() {
        text = first.to_uppercase().collect::<String>() + &text[first.len_utf8()..];
    }
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\' && *c != '#')
        .collect();
    if clean.trim().is_empty() {
        "My ML system".to_string()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::{label, spec};

    #[test]
    fn labels_from_stems() {
        assert_eq!(label("fraud_scoring"), "Fraud scoring");
        assert_eq!(label("ads-ranking v2"), "Ads ranking v2");
        assert_eq!(label("a\"b\\c"), "Abc");
        assert_eq!(label("__"), "My ML system");
        assert!(spec("x").contains("system \"X\" {"));
    }
}
