//! Repairs for text that arrives broken: UTF-8 that was decoded as Windows-1252 somewhere
//! upstream (`â€™` for `’`, `Ã©` for `é`), and HTML markup.

/// Windows-1252 bytes 0x80–0x9F (the range where it differs from Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .map(|i| 0x80 + i as u8)
}

/// Decodes bytes as Windows-1252 (every byte is a character): the fallback for files that are
/// not UTF-8.
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Undoes UTF-8 read as Windows-1252, run by run: a run of characters that encode back to
/// bytes forming valid multi-byte UTF-8 is replaced by what those bytes say. Text without the
/// telltale lead characters (`Ã`, `â`, `Â`…) is returned unchanged.
pub fn repair_mojibake(text: &str) -> String {
    if !text
        .chars()
        .any(|c| matches!(c, 'Ã' | 'Â' | 'â' | 'Ä' | 'Å' | 'Î' | 'Ï'))
    {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // A UTF-8 lead byte 0xC2–0xF4 followed by continuation bytes 0x80–0xBF.
        let lead = cp1252_byte(chars[i]).filter(|b| (0xC2..=0xF4).contains(b));
        if let Some(lead) = lead {
            let len = if lead >= 0xF0 {
                4
            } else if lead >= 0xE0 {
                3
            } else {
                2
            };
            let bytes: Option<Vec<u8>> = chars.get(i..i + len).and_then(|cs| {
                cs.iter()
                    .map(|&c| cp1252_byte(c))
                    .collect::<Option<Vec<u8>>>()
            });
            if let Some(bytes) = bytes {
                if bytes[1..].iter().all(|b| (0x80..=0xBF).contains(b)) {
                    if let Ok(s) = std::str::from_utf8(&bytes) {
                        out.push_str(s);
                        i += len;
                        continue;
                    }
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Does this look like an HTML document rather than plain text?
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<body")
        || (head.starts_with('<') && text.matches("</p>").count() >= 2)
}

/// Plain text of an HTML document: scripts, styles and comments dropped, block elements become
/// line breaks (so paragraphs stay sentences apart), other tags vanish, entities are decoded.
/// Returns the text and the `<title>`, if any.
pub fn strip_html(html: &str) -> (String, Option<String>) {
    let lower = html.to_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if !rest.starts_with('<') {
            let next = rest.find('<').map_or(html.len(), |k| i + k);
            out.push_str(&html[i..next]);
            i = next;
            continue;
        }
        let lrest = &lower[i..];
        // Skip whole elements whose content is not text.
        if let Some(skip) = ["<script", "<style", "<!--", "<noscript"]
            .iter()
            .find(|t| lrest.starts_with(**t))
        {
            let close = match *skip {
                "<!--" => "-->",
                "<script" => "</script>",
                "<style" => "</style>",
                _ => "</noscript>",
            };
            i = lrest
                .find(close)
                .map_or(html.len(), |k| i + k + close.len());
            continue;
        }
        if lrest.starts_with("<title") {
            if let (Some(a), Some(b)) = (lrest.find('>'), lrest.find("</title>")) {
                if a < b {
                    title = Some(decode_entities(rest[a + 1..b].trim()));
                    i += b + "</title>".len();
                    continue;
                }
            }
        }
        let end = rest.find('>').map_or(html.len(), |k| i + k + 1);
        let tag: String = lower[i + 1..end.min(lower.len())]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(
            tag.as_str(),
            "p" | "br"
                | "div"
                | "li"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "article"
                | "section"
                | "header"
                | "footer"
                | "blockquote"
                | "ul"
                | "ol"
                | "table"
        ) {
            out.push('\n');
        } else {
            out.push(' ');
        }
        i = end;
    }
    let text = decode_entities(&out);
    // Collapse the spaces tags left behind, keep paragraph breaks.
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    (lines.join("\n"), title)
}

/// Decodes the HTML entities news pages use (named ones common in text, and numeric ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "hellip" => Some('…'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_undone_and_clean_text_untouched() {
        assert_eq!(
            repair_mojibake("Rais â€œNdiyoâ€\u{9d} alisema"),
            "Rais “Ndiyo” alisema"
        );
        assert_eq!(repair_mojibake("FÃ©lix Tshisekedi"), "Félix Tshisekedi");
        assert_eq!(repair_mojibake("Tâ€™s"), "T’s");
        for clean in ["Félix", "Ã la carte is rare", "â", "kawaida kabisa"] {
            assert_eq!(repair_mojibake(clean), clean);
        }
    }

    #[test]
    fn cp1252_decoding_maps_the_high_range() {
        assert_eq!(decode_cp1252(b"F\xe9lix \x93NATO\x94"), "Félix “NATO”");
    }

    #[test]
    fn html_becomes_paragraphs_of_text() {
        let html = "<!DOCTYPE html><html><head><title>Habari &amp; Siasa</title>\
            <style>p{}</style><script>var x='<p>';</script></head><body>\
            <h1>Kichwa</h1><p>Rais wa Kenya&nbsp;William Ruto <b>alikutana</b> na Bi.&#32;Samia.</p>\
            <!-- maoni --><p>Aya ya pili &#x2014; mwisho.</p></body></html>";
        assert!(looks_like_html(html));
        let (text, title) = strip_html(html);
        assert_eq!(title.as_deref(), Some("Habari & Siasa"));
        assert_eq!(
            text,
            "Kichwa\nRais wa Kenya William Ruto alikutana na Bi. Samia.\nAya ya pili — mwisho."
        );
        assert!(!looks_like_html("Rais <alisema> jambo."));
    }
}
