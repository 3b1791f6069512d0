//! The crate's layers, held to the order `src/lib.rs` states.
//!
//! The order is written once, in `lib.rs`'s opening doc (its numbered list under
//! "# Layers"); this test parses that list, so the documented rule and the checked rule
//! cannot drift. Every `.rs` file under `src/` belongs to the layer of its top-level module
//! (`src/explore/table.rs` to `explore`, `src/config.rs` to `config`). A file may import
//! only layers on a lower line of the list: not its neighbours on the same line, not a layer
//! above. The binaries (`main.rs`, `cli.rs`, `bin/`) stand outside the layers and use the
//! library by its name. Imports are read as text: `use crate::…` (grouped ones too),
//! inline `crate::module::…` paths, and `super::` paths that climb out of their layer.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The binaries' files, outside every layer.
const OUTSIDE: &[&str] = &["main.rs", "cli.rs", "bin"];

/// The layers, lowest first: each line of `lib.rs`'s list is one rank, holding the
/// modules named in backquotes before its first colon.
fn layers(lib: &str) -> Vec<Vec<String>> {
    let mut in_list = false;
    let mut ranks = Vec::new();
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else { break };
        let doc = doc.trim();
        if doc.starts_with('#') {
            in_list = doc == "# Layers";
            continue;
        }
        if !in_list {
            continue;
        }
        let Some((number, rest)) = doc.split_once(". ") else { continue };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let names = rest.split(':').next().unwrap_or("");
        let rank: Vec<String> = names.split('`').skip(1).step_by(2).map(str::to_owned).collect();
        assert!(!rank.is_empty(), "src/lib.rs: the layer line {doc:?} names no module in backquotes");
        ranks.push(rank);
    }
    ranks
}

/// One import found in a file: where it is and the top-level module it names.
#[derive(Debug)]
struct Import {
    line: usize,
    layer: String,
}

/// The source with comments, strings and character literals blanked to spaces, lines kept,
/// so that a `crate::` in a doc link or a message is not read as an import.
fn code_only(source: &str) -> String {
    let b = source.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let (mut depth, mut j) = (0usize, i);
                while j < b.len() {
                    if b[j..].starts_with(b"/*") {
                        depth += 1;
                        j += 2;
                    } else if b[j..].starts_with(b"*/") {
                        depth -= 1;
                        j += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        j += 1;
                    }
                }
                blank(&mut out, i, j);
                i = j;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"') | Some(b'#')) && (i == 0 || !is_ident(b[i - 1])) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                let start = i + 2 + hashes;
                let end = b[start..]
                    .windows(close.len())
                    .position(|w| w == close)
                    .map_or(b.len(), |n| start + n + close.len());
                blank(&mut out, i, end);
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                blank(&mut out, i, (j + 1).min(b.len()));
                i = j + 1;
            }
            // A character literal ('x', '\n', '\u{2212}', '"'); a lifetime ('a) has no closing quote.
            b'\'' => {
                let len = if b.get(i + 1) == Some(&b'\\') {
                    b[i + 2..].iter().position(|&c| c == b'\'').map(|n| n + 3)
                } else {
                    let ch = source[i + 1..].chars().next().map_or(1, char::len_utf8);
                    (b.get(i + 1 + ch) == Some(&b'\'')).then_some(ch + 2)
                };
                match len {
                    Some(len) => {
                        blank(&mut out, i, i + len);
                        i += len;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    String::from_utf8(out).expect("blanking keeps UTF-8: only ASCII bytes are written and whole literals are blanked")
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn line_of(code: &str, at: usize) -> usize {
    code[..at].bytes().filter(|&c| c == b'\n').count() + 1
}

/// The first path segment at `at` (after `crate::`), or of each branch when a group
/// `{a, b::c, d::{e}}` starts there, with where each segment stands.
fn first_segments(code: &str, at: usize) -> Vec<(usize, String)> {
    let b = code.as_bytes();
    let mut i = at;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) != Some(&b'{') {
        let end = i + b[i..].iter().take_while(|&&c| is_ident(c)).count();
        return vec![(i, code[i..end].to_owned())];
    }
    let mut found = Vec::new();
    let mut depth = 0;
    let mut expect_segment = true;
    for (j, &c) in b.iter().enumerate().skip(i) {
        match c {
            b'{' => {
                depth += 1;
                expect_segment = depth == 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expect_segment = true,
            c if expect_segment && depth == 1 && is_ident(c) => {
                let end = j + b[j..].iter().take_while(|&&c| is_ident(c)).count();
                found.push((j, code[j..end].to_owned()));
                expect_segment = false;
            }
            _ => {}
        }
    }
    found
}

/// Where each inline `mod name {` opens and closes, so that `super::` is climbed from the
/// right module.
fn inline_modules(code: &str) -> Vec<(usize, usize)> {
    let b = code.as_bytes();
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(n) = code[from..].find("mod ") {
        let at = from + n;
        from = at + 4;
        if at > 0 && is_ident(b[at - 1]) {
            continue;
        }
        let name_end = from + b[from..].iter().take_while(|&&c| is_ident(c)).count();
        let open = name_end + b[name_end..].iter().take_while(|c| c.is_ascii_whitespace()).count();
        if b.get(open) != Some(&b'{') {
            continue;
        }
        let mut depth = 0;
        for (j, &c) in b.iter().enumerate().skip(open) {
            depth += match c {
                b'{' => 1,
                b'}' => -1,
                _ => 0,
            };
            if depth == 0 {
                spans.push((open, j));
                break;
            }
        }
    }
    spans
}

/// The layers a file's code names, each with its line.
fn imports(source: &str, depth_of_file: usize) -> Vec<Import> {
    let code = code_only(source);
    let b = code.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(n) = code[from..].find("crate::") {
        let at = from + n;
        from = at + "crate::".len();
        if at > 0 && (is_ident(b[at - 1]) || b[at - 1] == b'$') {
            continue;
        }
        for (pos, layer) in first_segments(&code, from) {
            if layer != "self" && !layer.is_empty() {
                found.push(Import { line: line_of(&code, pos), layer });
            }
        }
    }
    // `super::super::x` from deep enough reaches the crate root, a way around `crate::`.
    let modules = inline_modules(&code);
    let mut from = 0;
    while let Some(n) = code[from..].find("super::") {
        let at = from + n;
        if at > 0 && (is_ident(b[at - 1]) || b[at - 1] == b':') {
            from = at + 1;
            continue;
        }
        let mut climbs = 0;
        let mut end = at;
        while code[end..].starts_with("super::") {
            climbs += 1;
            end += "super::".len();
        }
        from = end;
        let depth = depth_of_file + modules.iter().filter(|&&(open, close)| open < at && at < close).count();
        if climbs >= depth {
            for (pos, layer) in first_segments(&code, end) {
                found.push(Import { line: line_of(&code, pos), layer });
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's layer (its top-level module under `src/`) and how many modules deep its own
/// module is (`explore/mod.rs` 1, `explore/table.rs` 2).
fn layer_of(relative: &Path) -> (String, usize) {
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let layer = parts[0].trim_end_matches(".rs").to_owned();
    let depth = if parts.last().is_some_and(|p| p == "mod.rs") { parts.len() - 1 } else { parts.len() };
    (layer, depth)
}

/// The layers each layer imports, each with the first place (`file:line`) that does.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// Every import from one layer into another that the order forbids, as messages, and the
/// layer graph the imports draw.
fn check(src: &Path) -> (Vec<String>, Graph) {
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let ranks = layers(&lib);
    assert!(!ranks.is_empty(), "src/lib.rs states no layers: its opening doc needs a numbered list under \"# Layers\"");
    let rank_of: BTreeMap<&str, usize> =
        ranks.iter().enumerate().flat_map(|(r, names)| names.iter().map(move |n| (n.as_str(), r))).collect();

    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut graph = Graph::new();
    for file in &files {
        let relative = file.strip_prefix(src).expect("a file under src/");
        let shown = Path::new("src").join(relative).display().to_string();
        let top = relative.iter().next().expect("a file name").to_string_lossy();
        if top == "lib.rs" || OUTSIDE.contains(&top.as_ref()) {
            continue;
        }
        let (layer, depth) = layer_of(relative);
        let Some(&own) = rank_of.get(layer.as_str()) else {
            problems.push(format!("{shown}: module `{layer}` is in no layer: add it to the list in src/lib.rs"));
            continue;
        };
        let source = fs::read_to_string(file).unwrap_or_else(|e| panic!("{shown}: {e}"));
        for Import { line, layer: imported } in imports(&source, depth) {
            if imported == layer {
                continue;
            }
            graph
                .entry(layer.clone())
                .or_default()
                .entry(imported.clone())
                .or_insert_with(|| format!("{shown}:{line}"));
            match rank_of.get(imported.as_str()) {
                Some(&r) if r < own => {}
                Some(&r) if r == own => problems.push(format!(
                    "{shown}:{line}: `{layer}` imports `{imported}`, its neighbour on layer {} (each may import only the layers below)",
                    own + 1
                )),
                Some(&r) => problems.push(format!(
                    "{shown}:{line}: `{layer}` (layer {}) imports `{imported}` (layer {}), a layer above it",
                    own + 1,
                    r + 1
                )),
                None => problems.push(format!("{shown}:{line}: `{layer}` imports `{imported}`, which is in no layer")),
            }
        }
    }
    for rank in &ranks {
        for name in rank {
            let exists = src.join(format!("{name}.rs")).is_file() || src.join(name).join("mod.rs").is_file();
            if !exists {
                problems.push(format!(
                    "src/lib.rs names layer `{name}`, but there is no src/{name}.rs or src/{name}/mod.rs"
                ));
            }
        }
    }
    (problems, graph)
}

/// A cycle in the graph, as the path that closes it, if there is one.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(node: &str, graph: &Graph, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_layer_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (problems, _) = check(&src);
    assert!(problems.is_empty(), "the layer order of src/lib.rs is broken:\n{}", problems.join("\n"));
}

#[test]
fn the_layers_import_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (_, graph) = check(&src);
    assert!(graph.contains_key("explore"), "no import was read at all: the reader of src/ is blind");
    if let Some(found) = cycle(&graph) {
        let places: Vec<String> =
            found.windows(2).map(|w| format!("  {} -> {} at {}", w[0], w[1], graph[&w[0]][&w[1]])).collect();
        panic!("the layers import each other in a cycle: {}\n{}", found.join(" -> "), places.join("\n"));
    }
}

#[test]
fn the_layer_list_is_read_from_lib_rs() {
    let lib = "//! Text.\n//!\n//! # Layers\n//!\n//! 1. `a`: lowest.\n//! 2. `b`, `c`: beside each other; `x` here is prose.\n//! 3. `d`\n//!\n//! Not a layer: 4. `e`.\n";
    assert_eq!(layers(lib), vec![vec!["a"], vec!["b", "c"], vec!["d"]]);
}

#[test]
fn imports_are_read_from_code_not_from_comments_or_text() {
    let source = "use crate::bundle::Bundle;\nuse crate::{stats::x, explore::{self, y}};\n\
                  // crate::web in a comment\n/// [link](crate::web::app)\nlet s = \"crate::web\";\n\
                  fn f() { crate::config::read(); }\nmacro_rules! m { () => { $crate::web::x } }\n\
                  pub(crate) fn g<'a>(c: char) -> bool { c == '\"' || c == '{' }\nuse crate::\n    workbook::Table;\n";
    let found: Vec<(usize, String)> = imports(source, 1).into_iter().map(|i| (i.line, i.layer)).collect();
    let expected = [(1, "bundle"), (2, "stats"), (2, "explore"), (6, "config"), (10, "workbook")];
    assert_eq!(found, expected.map(|(line, layer)| (line, layer.to_owned())));
}

#[test]
fn super_paths_that_climb_out_of_the_layer_are_imports() {
    // From src/stats/trend.rs (two modules deep), `super::super::x` is `crate::x`; inside
    // its `mod tests`, it takes three.
    let source = "use super::compare;\nuse super::super::web::x;\nmod tests {\n    use super::super::y;\n    use super::super::super::web::z;\n}\n";
    let found: Vec<(usize, String)> = imports(source, 2).into_iter().map(|i| (i.line, i.layer)).collect();
    assert_eq!(found, vec![(2, "web".to_owned()), (5, "web".to_owned())]);
}

#[test]
fn a_cycle_is_found_and_named() {
    let edge = |from: &str, to: &str| (from.to_owned(), BTreeMap::from([(to.to_owned(), format!("src/{from}.rs:1"))]));
    let graph: Graph = [edge("a", "b"), edge("b", "c"), edge("c", "a")].into_iter().collect();
    assert_eq!(cycle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    let acyclic: Graph = [edge("a", "b"), edge("b", "c")].into_iter().collect();
    assert_eq!(cycle(&acyclic), None);
}
