//! The workbook converter's side of the browser's Web Worker: it receives the files a
//! person opened, converts them with `workbook::job` off the page's thread, and posts the
//! answer back as a JavaScript array (`answer_to_js`). Built as its own wasm binary (`workbook-worker`), so the explorer's
//! first download does not carry the workbook reader; the page loads it only when a
//! workbook is opened.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::workbook::job::{convert, Answer, Listed};
use crate::workbook::File;

/// Answers every message: an array of `[name, Uint8Array]` pairs in, the answer out.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let pairs: js_sys::Array = ev.data().unchecked_into();
        let owned: Vec<(String, Vec<u8>)> = pairs
            .iter()
            .map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                let name = pair.get(0).as_string().unwrap_or_default();
                (name, js_sys::Uint8Array::new(&pair.get(1)).to_vec())
            })
            .collect();
        let files: Vec<File> = owned.iter().map(|(name, bytes)| File { name, bytes }).collect();
        // The test build's converter traps on a file of this name, as a bug would: the page
        // must say so rather than wait (tests/browser/integrity.rs).
        #[cfg(feature = "forced-panic")]
        if files.iter().any(|f| f.name == "forced-panic.csv") {
            panic!("a forced panic, for the converter's crash test");
        }
        let _ = reply.post_message(&answer_to_js(&convert(&files)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// The answer as the worker posts it: `[name, bundle or null, [[place, message, found,
/// expected, warning, fix], …]]`. The page reads it with a few calls, where parsing JSON into
/// an `Answer` made its download larger.
pub fn answer_to_js(answer: &Answer) -> JsValue {
    let text = |s: &Option<String>| s.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    let problems: js_sys::Array = answer
        .problems
        .iter()
        .map(|p| {
            let row = js_sys::Array::of3(&p.place.as_str().into(), &p.message.as_str().into(), &text(&p.found));
            row.push(&text(&p.expected));
            row.push(&p.warning.into());
            row.push(&text(&p.fix));
            row
        })
        .collect();
    js_sys::Array::of3(&answer.name.as_str().into(), &text(&answer.bundle), &problems).into()
}

/// Reads what [`answer_to_js`] made; None for anything else (an error event).
pub fn answer_from_js(value: &JsValue) -> Option<Answer> {
    let answer: &js_sys::Array = value.dyn_ref()?;
    let problems: &js_sys::Array = &answer.get(2).dyn_into().ok()?;
    let problems = problems
        .iter()
        .map(|row| {
            let row: js_sys::Array = row.dyn_into().ok()?;
            Some(Listed {
                place: row.get(0).as_string()?,
                message: row.get(1).as_string()?,
                found: row.get(2).as_string(),
                expected: row.get(3).as_string(),
                warning: row.get(4).as_bool()?,
                fix: row.get(5).as_string(),
            })
        })
        .collect::<Option<Vec<Listed>>>()?;
    Some(Answer { name: answer.get(0).as_string()?, bundle: answer.get(1).as_string(), problems })
}
