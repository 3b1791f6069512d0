//! The workbook converter's side of the browser's Web Worker: it receives the files a
//! person opened, converts them with `workbook::job` off the page's thread, and posts the
//! answer back as JSON. Built as its own wasm binary (`workbook-worker`), so the explorer's
//! first download does not carry the workbook reader; the page loads it only when a
//! workbook is opened.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::workbook::job::convert;
use crate::workbook::File;

/// Answers every message: an array of `[name, Uint8Array]` pairs in, the answer's JSON out.
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
        let answer = serde_json::to_string(&convert(&files)).unwrap_or_default();
        let _ = reply.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}
