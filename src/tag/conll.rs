//! CoNLL reading: one token per line with its tag in the last column, a blank line between
//! sentences. The format of MasakhaNER, CoNLL-2003 and conlleval.

use super::Tag;
use crate::error::{Error, Result};
use std::path::Path;

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllSentence {
    /// The tokens (first column).
    pub tokens: Vec<String>,
    /// The tags (last column), one per token; empty when the file was read without tags.
    pub tags: Vec<Tag>,
    /// The line number (1-based) of the sentence's first token, for messages.
    pub line: usize,
    /// The document the sentence belongs to: 0, then one more after each `-DOCSTART-` line
    /// that follows a sentence.
    pub document: usize,
}

/// Splits sentences into documents: runs of consecutive sentences with the same
/// [`ConllSentence::document`].
pub fn documents(sentences: &[ConllSentence]) -> Vec<&[ConllSentence]> {
    sentences
        .chunk_by(|a, b| a.document == b.document)
        .collect()
}

/// Reads a CoNLL file. With `with_tags`, every token line must end in an IOB2 tag (last
/// column; columns between the token and the tag are ignored); without, only the first column
/// is read. Errors name the file and the line.
pub fn read_conll(path: &Path, with_tags: bool) -> Result<Vec<ConllSentence>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::BadInput(format!("{name}:{line}: not UTF-8 text"))
    })?;
    parse_conll(text, &name, with_tags)
}

/// Parses CoNLL text (see [`read_conll`]); `source` names it in errors. Handles `\r\n` line
/// ends, a byte-order mark, trailing spaces, tabs or spaces between columns, runs of blank
/// lines, and `-DOCSTART-` lines (a document break, not a token).
pub fn parse_conll(text: &str, source: &str, with_tags: bool) -> Result<Vec<ConllSentence>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut sentences = Vec::new();
    let mut current = ConllSentence {
        tokens: Vec::new(),
        tags: Vec::new(),
        line: 0,
        document: 0,
    };
    // `lines()` strips `\n` and `\r\n`; a stray `\r` is whitespace to `split_whitespace`.
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            flush(&mut sentences, &mut current, number + 1);
            continue;
        };
        if token == "-DOCSTART-" {
            flush(&mut sentences, &mut current, number + 1);
            if let Some(last) = sentences.last() {
                current.document = last.document + 1;
            }
            continue;
        }
        if current.tokens.is_empty() {
            current.line = number;
        }
        if with_tags {
            let Some(tag) = fields.last() else {
                return Err(Error::BadInput(format!(
                    "{source}:{number}: token {token:?} has no tag column"
                )));
            };
            let tag = Tag::parse(tag).ok_or_else(|| {
                Error::BadInput(format!(
                    "{source}:{number}: unknown tag {tag:?} (expected O, or B-/I- with PER, ORG, LOC or DATE)"
                ))
            })?;
            current.tags.push(tag);
        }
        current.tokens.push(token.to_string());
    }
    flush(&mut sentences, &mut current, 0);
    Ok(sentences)
}

/// Ends the current sentence (if it has tokens); the next one starts at `next_line`.
fn flush(sentences: &mut Vec<ConllSentence>, current: &mut ConllSentence, next_line: usize) {
    if !current.tokens.is_empty() {
        let document = current.document;
        let done = std::mem::replace(
            current,
            ConllSentence {
                tokens: Vec::new(),
                tags: Vec::new(),
                line: next_line,
                document,
            },
        );
        sentences.push(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::EntityType;

    #[test]
    fn reads_sentences_tags_and_odd_line_ends() {
        let text = "\u{FEFF}-DOCSTART- O\r\n\r\nRais B-PER \r\nSamia\tX\tI-PER\r\n  \r\n\r\nDodoma B-LOC\n.  O";
        let s = parse_conll(text, "t.conll", true).unwrap_or_default();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["Rais", "Samia"]);
        assert_eq!(
            s[0].tags,
            vec![Tag::B(EntityType::Per), Tag::I(EntityType::Per)]
        );
        assert_eq!(s[0].line, 3);
        assert_eq!(s[1].tokens, vec!["Dodoma", "."]);
        assert_eq!(s[1].line, 7);
    }

    #[test]
    fn docstart_lines_separate_documents() {
        let text = "-DOCSTART- O\n\na O\n\nb O\n-DOCSTART- O\n\n-DOCSTART- O\nc O\n";
        let s = parse_conll(text, "d", true).unwrap_or_default();
        let docs: Vec<usize> = s.iter().map(|s| s.document).collect();
        assert_eq!(docs, vec![0, 0, 1]);
        assert_eq!(
            documents(&s).iter().map(|d| d.len()).collect::<Vec<_>>(),
            vec![2, 1]
        );
    }

    #[test]
    fn without_tags_only_the_first_column_is_read() {
        let s = parse_conll("Nairobi\nni\nB-XYZ junk\n\n", "t", false).unwrap_or_default();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tokens, vec!["Nairobi", "ni", "B-XYZ"]);
        assert!(s[0].tags.is_empty());
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = parse_conll("Rais O\nSamia B-MISC\n", "gold.txt", true)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("gold.txt:2: unknown tag \"B-MISC\""), "{e}");
        let e = parse_conll("Rais O\n\nSamia\n", "gold.txt", true)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.starts_with("gold.txt:3: token \"Samia\" has no tag"),
            "{e}"
        );
    }
}
