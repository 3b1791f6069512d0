//! The built page's first view: the default scorecard as the app first shows it (header,
//! overview, filters, the first cards), rendered to HTML natively by the app's own
//! components when the site is built (`scorecard-explorer prerender`), so a person reads
//! it while the wasm downloads. The app takes the page over from it (`web::prerendered`).
//!
//! The copy is static, and so:
//! - it carries no `<script>`, no `style` attribute and no `on…` handler: the page's
//!   Content-Security-Policy allows no inline script or style (a render that holds one is
//!   refused, never written);
//! - every form control is disabled: a control that cannot work yet must not look usable;
//! - its ids (and what refers to them) are renamed and its `data-` attributes dropped, so
//!   the app's ids stay unique and nothing looks for the app's hooks in the copy;
//! - bundle text is text: the renderer escapes it.

use std::sync::Arc;

use leptos::prelude::*;
use sha2::{Digest, Sha256};

use crate::bundle::Bundle;
use crate::web::app::App;
use crate::web::prerendered::{BUNDLE_ATTRIBUTE, ID, PREFIX};

/// The comments around the view in `index.html`; a later run replaces what is between.
pub const START: &str = "<!-- prerendered by scorecard-explorer prerender -->";
pub const END: &str = "<!-- /prerendered -->";
/// Where a view written by the earlier, browser-based build starts: replaced the same way.
const EARLIER_START: &str = "<!-- prerendered by scripts/prerender.sh -->";

/// The first view of a bundle, ready for `index.html`.
#[derive(Debug, Clone)]
pub struct FirstView {
    /// `<div id="se-prerendered" …>…</div>`.
    pub html: String,
    /// How many item cards it carries.
    pub cards: usize,
}

/// The first view of `bundle`, loaded from `bytes` at `address` (as the settings name it),
/// as static HTML tagged with that address and the bytes' SHA-256, so the page can tell
/// which bundle it shows. Fails, saying why, when the render holds what the page's
/// Content-Security-Policy refuses.
pub fn first_view(bundle: Bundle, address: &str, bytes: &[u8]) -> Result<FirstView, String> {
    let copy = static_copy(&render(Arc::new(bundle)))?;
    let hash: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let html = format!(
        "<div id=\"{ID}\" {BUNDLE_ATTRIBUTE}=\"{}\" {BUNDLE_ATTRIBUTE}-sha256=\"{hash}\">{copy}</div>",
        escape_attribute(address)
    );
    refuse_inline_code(&html)?;
    let cards = html.matches("class=\"item-card\"").count();
    Ok(FirstView { html, cards })
}

/// The app's first view of `bundle`, as the browser's app would draw it at the page's own
/// address with no query (effects do not run natively).
pub fn render(bundle: Arc<Bundle>) -> String {
    let owner = Owner::new();
    owner.with(|| view! { <App loaded=bundle/> }.to_html())
}

/// `index` with `view` in place of an earlier one (or, the first time, just after the
/// `<noscript>` notice, else at the start of the body).
pub fn into_index(index: &str, view: &FirstView) -> Result<String, String> {
    let page = without_view(index);
    let block = format!("{START}\n{}\n{END}\n", view.html);
    let after = match page.find("</noscript>") {
        Some(at) => at + "</noscript>".len(),
        None => {
            let body = page.find("<body").ok_or("index.html has no <body>")?;
            body + page[body..].find('>').ok_or("index.html's <body> tag is not closed")? + 1
        }
    };
    let after = after + usize::from(page[after..].starts_with('\n'));
    Ok(format!("{}{block}{}", &page[..after], &page[after..]))
}

/// `index` without any view written by an earlier run.
fn without_view(index: &str) -> String {
    let mut page = index.to_string();
    for start in [START, EARLIER_START] {
        while let Some(from) = page.find(start) {
            let Some(to) = page[from..].find(END).map(|n| from + n + END.len()) else { break };
            let to = to + usize::from(page[to..].starts_with('\n'));
            page.replace_range(from..to, "");
        }
    }
    page
}

/// The rendered view made static (see the module's notes): comments (the renderer's
/// markers) dropped, ids renamed, `data-` attributes dropped, controls disabled.
fn static_copy(html: &str) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        push_text(&mut out, &rest[..at]);
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").ok_or("the render holds an unclosed comment")?;
            rest = &comment[end + 3..];
            continue;
        }
        let end = tag_end(rest).ok_or("the render holds an unclosed tag")?;
        out.push_str(&static_tag(&rest[1..end])?);
        rest = &rest[end + 1..];
    }
    push_text(&mut out, rest);
    Ok(out)
}

/// Text as a browser's serialiser writes it: a no-break space as `&nbsp;` (the rest is
/// escaped already).
fn push_text(out: &mut String, text: &str) {
    out.push_str(&text.replace('\u{a0}', "&nbsp;"));
}

/// Where the tag starting `html` ends (its `>`), outside quoted attribute values.
fn tag_end(html: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// One tag's inside (between `<` and `>`), made static.
fn static_tag(tag: &str) -> Result<String, String> {
    if tag.starts_with('/') {
        return Ok(format!("<{tag}>"));
    }
    // The renderer's `<!>` markers, of no use without it.
    if tag.starts_with('!') {
        return Ok(String::new());
    }
    let name_end = tag.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(tag.len());
    let name = &tag[..name_end];
    if ["script", "style"].contains(&name.to_ascii_lowercase().as_str()) {
        return Err(format!("the render holds a <{name}> element"));
    }
    let (attributes, closed) = attributes(&tag[name_end..])?;
    let mut out = format!("<{name}");
    let mut disabled = false;
    for (attr, value) in attributes {
        let lower = attr.to_ascii_lowercase();
        if lower == "style" || lower.starts_with("on") {
            return Err(format!("the render holds a `{attr}` attribute on a <{name}>"));
        }
        if lower.starts_with("data-") {
            continue;
        }
        disabled |= lower == "disabled";
        let value = value.map(|(q, v)| {
            let v = match lower.as_str() {
                "id" | "for" | "list" => format!("{PREFIX}{v}"),
                "aria-labelledby" | "aria-describedby" | "aria-controls" => {
                    v.split_whitespace().map(|id| format!("{PREFIX}{id}")).collect::<Vec<_>>().join(" ")
                }
                "href" if v.starts_with('#') => format!("#{PREFIX}{}", &v[1..]),
                _ => v.replace('\u{a0}', "&nbsp;"),
            };
            format!("={q}{v}{q}")
        });
        out.push_str(&format!(" {attr}{}", value.unwrap_or_default()));
    }
    if ["input", "select", "textarea", "button"].contains(&name.to_ascii_lowercase().as_str()) && !disabled {
        out.push_str(" disabled");
    }
    out.push_str(if closed { "/>" } else { ">" });
    Ok(out)
}

/// An attribute: its name, and its value with the quote it stood in, if it has one.
type Attribute<'a> = (&'a str, Option<(char, &'a str)>);

/// The attributes of a tag's inside after its name, and whether it ends with `/`.
fn attributes(mut rest: &str) -> Result<(Vec<Attribute<'_>>, bool), String> {
    let mut list = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok((list, false));
        }
        if rest == "/" {
            return Ok((list, true));
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let (name, after) = rest.split_at(end);
        if name.is_empty() {
            return Err(format!("the render holds a tag it cannot read near {}", crate::bundle::problem::quoted(rest)));
        }
        match after.strip_prefix('=') {
            Some(value) => {
                let (quote, inner, next) = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let close = value[1..].find(q).ok_or("the render holds an unclosed attribute value")?;
                        (q, &value[1..1 + close], &value[close + 2..])
                    }
                    _ => {
                        let close = value.find(char::is_whitespace).unwrap_or(value.len());
                        ('"', &value[..close], &value[close..])
                    }
                };
                list.push((name, Some((quote, inner))));
                rest = next;
            }
            None => {
                list.push((name, None));
                rest = after;
            }
        }
    }
}

/// Text for a double-quoted attribute value.
fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The Content-Security-Policy's rule, checked on the whole view once more: no script
/// element, no `style` attribute, no event handler attribute.
fn refuse_inline_code(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = tag_end(rest).ok_or("the view holds an unclosed tag")?;
        let tag = rest[1..end].trim_start_matches('/');
        let name_end = tag.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(tag.len());
        if tag[..name_end].eq_ignore_ascii_case("script") {
            return Err("the view holds a <script>".into());
        }
        if !tag.starts_with('!') {
            let (attributes, _) = attributes(&tag[name_end..])?;
            let handler = |n: &str| n.eq_ignore_ascii_case("style") || n.to_ascii_lowercase().starts_with("on");
            if let Some((name, _)) = attributes.iter().find(|(n, _)| handler(n)) {
                return Err(format!("the view holds a `{name}` attribute"));
            }
        }
        rest = &rest[end + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_made_static() {
        let copy = static_copy(
            r##"<!--<() />--><label for="search" data-x="1">A&nbsp;b</label><input id="search" type="search"/><a href="#main">x</a><!>"##,
        )
        .unwrap();
        assert_eq!(
            copy,
            r##"<label for="se-pre-search">A&nbsp;b</label><input id="se-pre-search" type="search" disabled/><a href="#se-pre-main">x</a>"##
        );
    }

    #[test]
    fn inline_code_is_refused() {
        for html in [r#"<p style="color: red">x</p>"#, r#"<img src="x" onerror="y">"#, "<script>x</script>"] {
            assert!(static_copy(html).is_err(), "{html}");
            assert!(refuse_inline_code(html).is_err(), "{html}");
        }
        assert!(refuse_inline_code(r#"<p title="a > b" class="c">on style=</p>"#).is_ok());
    }

    #[test]
    fn a_second_run_replaces_the_first() {
        let index = "<body class=\"x\">\n<noscript>JS</noscript>\n<p>after</p></body>";
        let view = |html: &str| FirstView { html: html.into(), cards: 0 };
        let once = into_index(index, &view("<div>one</div>")).unwrap();
        assert_eq!(
            once,
            format!("<body class=\"x\">\n<noscript>JS</noscript>\n{START}\n<div>one</div>\n{END}\n<p>after</p></body>")
        );
        let twice = into_index(&once, &view("<div>two</div>")).unwrap();
        assert_eq!(twice, once.replace("one", "two"));
        let earlier = once.replace(START, EARLIER_START);
        assert_eq!(into_index(&earlier, &view("<div>two</div>")).unwrap(), twice);
    }
}
