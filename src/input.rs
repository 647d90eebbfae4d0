//! Input stage: articles from plain-text files (first non-empty line = headline), directories
//! (recursively: `*.txt`, `*.md`, `*.jsonl`), JSON Lines (one article per line) and stdin.
//! Each article gets a stable id: the JSON `id`, else the file's stem, else a hash of its text.

use crate::error::{Error, Result};
use crate::text::Lang;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One article as read, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable id (the IRI's last segment).
    pub id: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Language given by the input (JSON `lang`), if any.
    pub lang: Option<Lang>,
    /// Where it came from, for messages (`file.jsonl:12`).
    pub source: String,
}

#[derive(Debug, Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

/// An article id safe for an IRI path segment: letters, digits, `-`, `_`, `.` kept, anything
/// else percent-encoded, so distinct ids stay distinct.
pub fn safe_id(id: &str) -> String {
    let mut out = String::new();
    for b in id.trim().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Hex SHA-256 of a string.
pub fn sha256_hex(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks a `YYYY-MM-DD` date.
pub fn check_date(d: &str, source: &str) -> Result<String> {
    let d = d.trim();
    let ok = d.len() == 10
        && d.as_bytes()[4] == b'-'
        && d.as_bytes()[7] == b'-'
        && d.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(d[5..7].parse::<u32>(), Ok(1..=12))
        && matches!(d[8..10].parse::<u32>(), Ok(1..=31));
    if ok {
        Ok(d.to_string())
    } else {
        Err(Error::BadInput(format!(
            "{source}: date {d:?} is not of the form YYYY-MM-DD"
        )))
    }
}

/// Reads a plain-text article: the first non-empty line is the headline.
pub fn article_from_text(text: String, id: String, source: String) -> Article {
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('#').trim().to_string());
    Article {
        id,
        title,
        text,
        date: None,
        url: None,
        lang: None,
        source,
    }
}

/// Parses one JSON Lines record.
pub fn article_from_json(line: &str, source: &str) -> Result<Article> {
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| Error::BadInput(format!("{source}: not a JSON article: {e}")))?;
    // Checked first: serde would also read a struct from an array, with a confusing message.
    if !value.is_object() {
        return Err(Error::BadInput(format!(
            "{source}: not a JSON article: a JSON Lines article is one object per line, \
             {{\"text\": …}}"
        )));
    }
    let j: JsonArticle = serde_json::from_value(value)
        .map_err(|e| Error::BadInput(format!("{source}: not a JSON article: {e}")))?;
    let text = j
        .text
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| Error::BadInput(format!("{source}: missing \"text\"")))?;
    let (text, html_title) = prepare(text, source)?;
    let id = match j.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Null) | None => format!("sha256-{}", &sha256_hex(&text)[..16]),
        Some(other) => {
            return Err(Error::BadInput(format!(
                "{source}: \"id\" must be a string or number, not {other}"
            )))
        }
    };
    let lang = match j.lang.as_deref() {
        None | Some("") => None,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| {
            Error::BadInput(format!("{source}: unknown \"lang\" {l:?} (sw or en)"))
        })?),
    };
    let date = j.date.map(|d| check_date(&d, source)).transpose()?;
    Ok(Article {
        id,
        title: j.title.filter(|t| !t.trim().is_empty()).or(html_title),
        text,
        date,
        url: j.url.filter(|u| !u.trim().is_empty()),
        lang,
        source: source.to_string(),
    })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The largest article accepted, in bytes of text: beyond it an input is refused with a clear
/// message rather than risking memory on a runaway file.
pub const MAX_ARTICLE_BYTES: usize = 10 * 1024 * 1024;

/// Text from bytes: UTF-8, or — when the bytes are not UTF-8 — Windows-1252 (the usual
/// encoding of such news files; every byte is a character, so nothing is lost). Bytes with NUL
/// in them are a binary file, refused with the offset of the first NUL.
fn utf8(bytes: Vec<u8>, source: &str) -> Result<String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::BadInput(format!(
            "{source}: a binary file, not text (NUL byte at offset {at})"
        )));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => Ok(crate::text::repair::decode_cp1252(e.as_bytes())),
    }
}

fn too_large(source: &str, bytes: u64) -> Error {
    Error::BadInput(format!(
        "{source}: article too large ({:.1} MB; the limit is {} MB)",
        bytes as f64 / 1_048_576.0,
        MAX_ARTICLE_BYTES / 1_048_576
    ))
}

/// Checks the size limit and turns HTML into text (keeping its `<title>` as a headline).
fn prepare(text: String, source: &str) -> Result<(String, Option<String>)> {
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(source, text.len() as u64));
    }
    if crate::text::repair::looks_like_html(&text) {
        let (plain, title) = crate::text::repair::strip_html(&text);
        return Ok((plain, title));
    }
    Ok((text, None))
}

/// Expands the command line's inputs into files: directories recursively (sorted, so runs are
/// reproducible), `-` stays as stdin.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(Error::BadInput(format!(
                "{}: no such file or directory",
                p.display()
            )));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        // Hidden files and a folder's own documentation are not articles.
        if name.starts_with('.')
            || ["README", "NOTICE", "LICENSE", "CHANGELOG"]
                .iter()
                .any(|d| name.to_ascii_uppercase().starts_with(d))
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "jsonl")
        ) && (path.is_file() || std::fs::metadata(&path).is_err())
        {
            // A FIFO, socket or device inside a folder is skipped: reading one could block
            // for ever. A dangling link is kept, so that its read error is reported.
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the articles of one input (a file or `-`). JSON Lines files (`.jsonl`, or stdin whose
/// first non-blank character is `{`) give one article per non-blank line; a bad line is an
/// error naming its line number.
pub fn read_input(path: &Path) -> Result<Vec<Result<Article>>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
        return parse_input(buf, "<stdin>", None, false);
    }
    let name = path.display().to_string();
    let is_jsonl = path.extension().and_then(|e| e.to_str()) == Some("jsonl");
    // A text file over the limit is refused before it is read into memory (every byte gives
    // at least one byte of text, so its text would be over the limit too).
    if let Ok(meta) = std::fs::metadata(path) {
        if !is_jsonl && meta.is_file() && meta.len() > MAX_ARTICLE_BYTES as u64 {
            return Ok(vec![Err(too_large(&name, meta.len()))]);
        }
    }
    let stem = path.file_stem().and_then(|s| s.to_str());
    parse_input(read_bytes(path)?, &name, stem, is_jsonl)
}

/// The articles in the bytes of one input, as [`read_input`] reads them: `name` names the
/// input in messages, `stem` is a plain-text article's id (`None`: a hash of its text, and
/// JSON Lines when the text starts with `{`), `jsonl` says the input is JSON Lines.
pub fn parse_input(
    bytes: Vec<u8>,
    name: &str,
    stem: Option<&str>,
    jsonl: bool,
) -> Result<Vec<Result<Article>>> {
    let content = utf8(bytes, name)?;
    let is_jsonl = jsonl || (stem.is_none() && content.trim_start().starts_with('{'));
    if is_jsonl {
        return Ok(content
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| article_from_json(l, &format!("{name}:{}", i + 1)))
            .collect());
    }
    let (content, html_title) = match prepare(content, name) {
        Ok(c) => c,
        Err(e) => return Ok(vec![Err(e)]),
    };
    if content.trim().is_empty() {
        return Ok(vec![Err(Error::BadInput(format!("{name}: empty article")))]);
    }
    let id = match stem {
        Some(s) => s.to_string(),
        None => format!("sha256-{}", &sha256_hex(&content)[..16]),
    };
    let mut article = article_from_text(content, id, name.to_string());
    if html_title.is_some() {
        article.title = html_title;
    }
    Ok(vec![Ok(article)])
}

/// Reads the articles of one input like [`read_input`], calling `f` for each, but streams JSON
/// Lines (`.jsonl`, or stdin starting with `{`) a line at a time, so that an input of any size
/// needs memory for one article only. Each line is decoded on its own (UTF-8, else
/// Windows-1252); a line with a NUL byte is refused as binary, naming its line, and the
/// lines around it still count. Stops at the first error `f` returns.
pub fn read_input_each(
    path: &Path,
    mut f: impl FnMut(Result<Article>) -> Result<()>,
) -> Result<()> {
    use std::io::BufRead;
    let stdin = path.as_os_str() == "-";
    let jsonl_file = path.extension().and_then(|e| e.to_str()) == Some("jsonl");
    if !stdin && !jsonl_file {
        for a in read_input(path)? {
            f(a)?;
        }
        return Ok(());
    }
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let (name, mut reader): (String, Box<dyn BufRead>) = if stdin {
        ("<stdin>".to_string(), Box::new(std::io::stdin().lock()))
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        (
            path.display().to_string(),
            Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
        )
    };
    if stdin {
        // Stdin is JSON Lines only when it starts with `{`; otherwise it is one text article.
        let starts_json = loop {
            let buf = reader.fill_buf().map_err(io)?;
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(at) => break buf[at] == b'{',
                None if buf.is_empty() => break false,
                None => {
                    let n = buf.len();
                    reader.consume(n);
                }
            }
        };
        if !starts_json {
            let mut buf = Vec::new();
            reader.read_to_end(&mut buf).map_err(io)?;
            let article = utf8(buf, &name).and_then(|text| {
                let (text, html_title) = prepare(text, &name)?;
                if text.trim().is_empty() {
                    return Err(Error::BadInput(format!("{name}: empty article")));
                }
                let id = format!("sha256-{}", &sha256_hex(&text)[..16]);
                let mut a = article_from_text(text, id, name.clone());
                if html_title.is_some() {
                    a.title = html_title;
                }
                Ok(a)
            });
            return f(article);
        }
    }
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        // A line longer than the article limit (plus room for the JSON around it) is not read
        // whole: it is refused as too large and skipped to its end.
        let limit = (MAX_ARTICLE_BYTES + 64 * 1024) as u64;
        let n = reader
            .by_ref()
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(io)?;
        if n == 0 {
            return Ok(());
        }
        number += 1;
        let source = format!("{name}:{number}");
        if line.last() != Some(&b'\n') && n as u64 == limit {
            let mut rest = Vec::new();
            while reader.read_until(b'\n', &mut rest).map_err(io)? > 0 {
                if rest.last() == Some(&b'\n') {
                    break;
                }
                rest.clear();
            }
            f(Err(Error::BadInput(format!(
                "{source}: article too large (the limit is {} MB)",
                MAX_ARTICLE_BYTES / 1_048_576
            ))))?;
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let article = utf8(std::mem::take(&mut line), &source)
            .and_then(|text| article_from_json(text.trim_end_matches(['\n', '\r']), &source));
        f(article)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_articles_need_text_and_get_ids() {
        let a = article_from_json(r#"{"text":"Habari"}"#, "x:1").expect("valid");
        assert!(a.id.starts_with("sha256-"));
        assert!(article_from_json(r#"{"id":"a"}"#, "x:2").is_err());
        assert!(article_from_json("{nope", "x:3").is_err());
        let b = article_from_json(
            r#"{"id":7,"text":"t","lang":"sw","date":"2024-04-04"}"#,
            "x",
        )
        .expect("valid");
        assert_eq!((b.id.as_str(), b.lang), ("7", Some(Lang::Sw)));
        assert!(article_from_json(r#"{"text":"t","date":"4 April"}"#, "x").is_err());
    }

    #[test]
    fn ids_are_iri_safe() {
        assert_eq!(safe_id("a b/c"), "a%20b%2Fc");
    }
}
