//! When work runs in the browser: yielding to paint and to input between steps of long
//! work, the clock those steps are timed by, and the performance marks the benchmark reads.

/// A clock of milliseconds since the page started, as precise as the browser gives; the
/// timer is looked up once, as a step loop reads the clock between every step.
pub fn clock() -> impl Fn() -> f64 {
    let performance = web_sys::window().and_then(|w| w.performance());
    move || performance.as_ref().map_or(0.0, |p| p.now())
}

/// Resolves once the browser has painted the current frame: after the next animation
/// frame, in a new task. A hidden page paints no frames, so at most 100 ms are waited.
pub async fn after_paint() {
    let window = leptos::prelude::window();
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.request_animation_frame(&resolve);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    next_task().await;
}

/// Resolves in a new task: a message to itself, which (unlike a timer) the browser does
/// not delay.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            if channel.port2().post_message(&wasm_bindgen::JsValue::UNDEFINED).is_ok() {
                return;
            }
        }
        let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A performance mark, read by the benchmark (`bench/run`) and the browser's dev tools.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
