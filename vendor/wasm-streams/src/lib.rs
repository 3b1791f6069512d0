//! A stand-in for the `wasm-streams` crate (0.5), holding only what Leptos's `server_fn`
//! uses of it (its `browser` feature, which Leptos's `csr` feature turns on).
//!
//! Why: the real crate exports JS classes (`#[wasm_bindgen] pub struct`s for its
//! underlying sources and sinks) that wasm-bindgen always keeps, used or not, so they
//! cost the explorer about 5 KB gzipped of wasm and JS, and the workbook converter's
//! worker about 7 KB. This app has no server functions, so none of it is ever called.
//!
//! What it covers: `ReadableStream::from_raw`, `into_raw` and `into_stream` (a response
//! body read chunk by chunk with the stream's default reader, as the real crate does),
//! and `from_stream`, which only a streaming server-function request reaches
//! (`unreachable!`). Nothing here is exported to JS.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A web `ReadableStream`, owned.
#[derive(Debug)]
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    /// Wraps a web `ReadableStream`.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// A web `ReadableStream` fed by a Rust stream. Only `server_fn`'s streaming requests
    /// (a server function taking a stream) call it, and this app defines no server
    /// functions, so it is never reached; the real crate's code for it is what this
    /// stand-in exists to leave out.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        unreachable!("wasm-streams stand-in: no server function streams a request")
    }

    /// The web `ReadableStream` itself.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Reads the stream chunk by chunk. Throws if it is already locked to a reader (the
    /// real crate panics).
    pub fn into_stream(self) -> IntoStream {
        let reader = self.raw.get_reader().unchecked_into();
        IntoStream { reader: Some(reader), read: None }
    }
}

/// The chunks of a [`ReadableStream`], as a Rust [`Stream`]. Dropped before its end, it
/// cancels the web stream, like the real crate's.
#[derive(Debug)]
pub struct IntoStream {
    /// `None` once the stream has ended or failed.
    reader: Option<web_sys::ReadableStreamDefaultReader>,
    /// The `read()` under way.
    read: Option<JsFuture>,
}

impl Stream for IntoStream {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let Some(reader) = &this.reader else {
            return Poll::Ready(None);
        };
        let read = this.read.get_or_insert_with(|| JsFuture::from(reader.read()));
        let Poll::Ready(result) = Pin::new(read).poll(cx) else {
            return Poll::Pending;
        };
        this.read = None;
        match result {
            Ok(result) => {
                let result: web_sys::ReadableStreamReadResult = result.unchecked_into();
                if result.get_done().unwrap_or(false) {
                    if let Some(reader) = this.reader.take() {
                        reader.release_lock();
                    }
                    Poll::Ready(None)
                } else {
                    Poll::Ready(Some(Ok(result.get_value())))
                }
            }
            Err(error) => {
                this.reader = None;
                Poll::Ready(Some(Err(error)))
            }
        }
    }
}

impl Drop for IntoStream {
    fn drop(&mut self) {
        if let Some(reader) = self.reader.take() {
            let _ = reader.cancel();
        }
    }
}
